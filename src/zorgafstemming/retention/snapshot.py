"""The schedule as of one moment: every file with a purge date and every open file with a
review date, earliest first (file ids and dates only, no personal data)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from zorgafstemming.retention import facts as file_facts
from zorgafstemming.retention.rules import Due, Schedule, file_purge_due, file_review_due

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class ScheduledFile:
    """A file with a date under a rule (no personal data: the file id and the dates only)."""

    file_id: uuid.UUID
    due: Due


@dataclass(frozen=True)
class Snapshot:
    """Every file with a purge date and every open file with a review date, earliest first."""

    taken_at: datetime
    purges: list[ScheduledFile]
    reviews: list[ScheduledFile]
    # What the facts of the files due now were folded from: a batch that finds the same rows
    # does not decrypt them again (see ``facts.read``).
    readings: dict[uuid.UUID, file_facts.Reading] = field(default_factory=dict)


def _earliest_first(items: list[ScheduledFile]) -> list[ScheduledFile]:
    return sorted(items, key=lambda item: (item.due.due_at, str(item.file_id)))


async def snapshot(uow: UnitOfWork, schedule: Schedule) -> Snapshot:
    """Read the schedule as of ``runtime.clock()`` in the unit of work (a short read)."""
    runtime = uow.runtime
    now = runtime.clock()
    all_facts, readings = await file_facts.read(uow.session, runtime.cipher, now)
    purges: list[ScheduledFile] = []
    reviews: list[ScheduledFile] = []
    for file_id, facts in all_facts.items():
        due = file_purge_due(schedule, facts, now)
        if due is not None:
            purges.append(ScheduledFile(file_id, due))
        review = file_review_due(schedule, facts, now)
        if review is not None:
            reviews.append(ScheduledFile(file_id, review))
    kept = {item.file_id: readings[item.file_id] for item in purges if item.due.due_now}
    return Snapshot(now, _earliest_first(purges), _earliest_first(reviews), kept)
