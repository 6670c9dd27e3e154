"""Data-subject requests under their own retention rule (``subject_request`` in
``policies/retention.toml``): a request answered or refused before the cutoff goes, with its
steps. Requests still open are never cut, whatever their age."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from zorgafstemming.rights.models import SubjectRequest, SubjectRequestStep
from zorgafstemming.runtime import UnitOfWork


async def purge_requests_closed_before(uow: UnitOfWork, cutoff: datetime) -> int:
    """Delete the requests closed at or before ``cutoff`` and their steps; how many went."""
    closed = select(SubjectRequest.id).where(
        SubjectRequest.closed_at.is_not(None), SubjectRequest.closed_at <= cutoff
    )
    await uow.session.execute(
        delete(SubjectRequestStep)
        .where(SubjectRequestStep.request_id.in_(closed))
        .execution_options(synchronize_session=False)
    )
    result = await uow.session.execute(
        delete(SubjectRequest)
        .where(SubjectRequest.closed_at.is_not(None), SubjectRequest.closed_at <= cutoff)
        .execution_options(synchronize_session=False)
    )
    count: int = getattr(result, "rowcount", 0) or 0
    return count
