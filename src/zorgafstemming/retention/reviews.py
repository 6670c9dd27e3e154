"""Review notices: an idle open file past its review date is flagged to its lead organisation."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from zorgafstemming.models import metadata
from zorgafstemming.retention.snapshot import ScheduledFile

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork

REVIEW_NOTICE = "retention_review"  # notification kind: an idle open file for its lead


async def flag_reviews(uow: UnitOfWork, reviews: list[ScheduledFile]) -> int:
    """Notify each idle open file's lead organisation once per review date; returns how many
    notices are new (a rerun adds none)."""
    due = [item for item in reviews if item.due.due_now]
    if not due:
        return 0
    notifications = metadata.tables["notifications"]
    files = metadata.tables["coordination_files"]
    session = uow.session
    flagged = 0
    dialect = session.get_bind().dialect.name
    upsert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    for item in due:
        lead = await session.scalar(
            select(files.c.lead_organisation_id).where(files.c.id == item.file_id)
        )
        if lead is None:
            continue
        dedupe = f"retention-review:{item.file_id}:{item.due.due_at:%Y%m%d}:{lead}"
        result = await session.execute(
            upsert(notifications)
            .values(
                id=uuid.uuid5(uuid.NAMESPACE_URL, dedupe),
                file_id=item.file_id,
                organisation_id=lead,
                kind=REVIEW_NOTICE,
                dedupe_key=dedupe,
                created_at=uow.runtime.clock(),
            )
            .on_conflict_do_nothing()
        )
        flagged += int(getattr(result, "rowcount", 0) or 0)
    return flagged
