"""A worker's task list: what waits for them or their organisation, gathered from several
sources, soonest due first, overdue marked — without case content (a kind, a file's short
reference, a due date and a link).

Each source is one async function ``(uow, worker, now) -> list[Task]`` in
:data:`TASK_SOURCES`; a new kind of task (meetings to prepare, say) is one more function there
and one more value of ``TaskKind`` in ``plan_schemas``.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Exists, exists, select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.meeting_models import Meeting, MeetingOrganisation
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
)
from zorgafstemming.coordination.plan_models import PlanAction
from zorgafstemming.coordination.plan_schemas import TaskKind, TaskPage, TaskView
from zorgafstemming.coordination.referral_models import LeadHandover, Referral
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import BadCursor, bad_after, decode_key, encode_key
from zorgafstemming.runtime import Runtime, UnitOfWork

OBJECT_TASK_LIST = "task_list"
# A consent that ends within this many days is a task: renew it or let the family know.
EXPIRY_HORIZON = timedelta(days=30)
# How soon a referral expects an answer, by its urgency; a lead offered, within two weeks.
REFERRAL_ANSWER_DAYS = {"urgent": 1, "soon": 7, "routine": 14}
LEAD_ANSWER_DAYS = 14
# Sorts after every date: tasks without a due date come last.
_NO_DATE = "9999-12-31"


@dataclass(frozen=True)
class Task:
    """One task: what kind, the object it is about, its file, when it is due, where it is done."""

    kind: TaskKind
    object_id: uuid.UUID
    file_id: uuid.UUID | None
    due_on: date | None
    link: str

    def sort_key(self) -> tuple[str, str, str]:
        return (
            (self.due_on.isoformat() if self.due_on else _NO_DATE),
            self.kind,
            str(self.object_id),
        )


@dataclass(frozen=True)
class Worker:
    """The worker whose tasks are gathered: their account and organisation."""

    account_id: uuid.UUID
    organisation_id: uuid.UUID


TaskSource = Callable[[UnitOfWork, Worker, datetime], Awaitable[list[Task]]]


def _assigned(worker: Worker, file_id_column: Any) -> Exists:
    """The caller is assigned to the row's file now."""
    return exists().where(
        FileAssignment.file_id == file_id_column,
        FileAssignment.account_id == worker.account_id,
        FileAssignment.ended_at.is_(None),
    )


def _open(file_id_column: Any) -> Exists:
    return exists().where(CoordinationFile.id == file_id_column, CoordinationFile.status == "open")


async def plan_action_tasks(uow: UnitOfWork, worker: Worker, now: datetime) -> list[Task]:
    """Unfinished plan actions owned by the caller's organisation, assigned to the caller or to
    nobody, in open files the caller is assigned to."""
    rows = await uow.session.execute(
        select(PlanAction.id, PlanAction.file_id, PlanAction.due_on).where(
            PlanAction.owner_organisation_id == worker.organisation_id,
            PlanAction.status.in_(("planned", "in_progress")),
            (PlanAction.assignee_account_id == worker.account_id)
            | PlanAction.assignee_account_id.is_(None),
            _assigned(worker, PlanAction.file_id),
            _open(PlanAction.file_id),
        )
    )
    return [
        Task("plan_action", r.id, r.file_id, r.due_on, f"/dossiers/{r.file_id}/plan") for r in rows
    ]


async def referral_tasks(uow: UnitOfWork, worker: Worker, now: datetime) -> list[Task]:
    """Referrals to the caller's organisation waiting for its answer (due by urgency)."""
    rows = await uow.session.execute(
        select(Referral.id, Referral.urgency, Referral.created_at).where(
            Referral.to_organisation_id == worker.organisation_id,
            Referral.status == "open",
        )
    )
    return [
        Task(
            "referral",
            r.id,
            None,  # the organisation takes no part in the file yet
            plan_rules.local_today(r.created_at + timedelta(days=REFERRAL_ANSWER_DAYS[r.urgency])),
            "/verwijzingen",
        )
        for r in rows
    ]


async def lead_handover_tasks(uow: UnitOfWork, worker: Worker, now: datetime) -> list[Task]:
    """The lead of a file offered to the caller's organisation, on files the caller is
    assigned to."""
    rows = await uow.session.execute(
        select(LeadHandover.id, LeadHandover.file_id, LeadHandover.offered_at).where(
            LeadHandover.to_organisation_id == worker.organisation_id,
            LeadHandover.status == "offered",
            _assigned(worker, LeadHandover.file_id),
            _open(LeadHandover.file_id),
        )
    )
    return [
        Task(
            "lead_handover",
            r.id,
            r.file_id,
            plan_rules.local_today(r.offered_at + timedelta(days=LEAD_ANSWER_DAYS)),
            f"/dossiers/{r.file_id}",
        )
        for r in rows
    ]


async def expiring_consent_tasks(uow: UnitOfWork, worker: Worker, now: datetime) -> list[Task]:
    """Consents naming the caller's organisation that end within :data:`EXPIRY_HORIZON`, on
    open files the caller is assigned to (not withdrawn, not already renewed past it)."""
    ended = exists().where(
        ConsentEvent.consent_id == ConsentRecord.id,
        ConsentEvent.kind.in_(("withdrawn", "expired", "renewed")),
    )
    rows = await uow.session.execute(
        select(ConsentRecord.id, ConsentRecord.file_id, ConsentRecord.valid_until).where(
            ConsentRecord.valid_until > now,
            ConsentRecord.valid_until <= now + EXPIRY_HORIZON,
            ConsentRecord.valid_from <= now,
            exists().where(
                ConsentRecipient.consent_id == ConsentRecord.id,
                ConsentRecipient.organisation_id == worker.organisation_id,
            ),
            ~ended,
            _assigned(worker, ConsentRecord.file_id),
            _open(ConsentRecord.file_id),
        )
    )
    return [
        Task(
            "consent_expiring",
            r.id,
            r.file_id,
            plan_rules.local_today(r.valid_until),
            f"/dossiers/{r.file_id}",
        )
        for r in rows
    ]


async def meeting_tasks(uow: UnitOfWork, worker: Worker, now: datetime) -> list[Task]:
    """Case meetings still to come that the caller's organisation plans or is invited to, on
    open files the caller is assigned to (due on the meeting's day)."""
    invited = exists().where(
        MeetingOrganisation.meeting_id == Meeting.id,
        MeetingOrganisation.organisation_id == worker.organisation_id,
    )
    rows = await uow.session.execute(
        select(Meeting.id, Meeting.file_id, Meeting.starts_at).where(
            Meeting.status == "planned",
            Meeting.ends_at > now,
            (Meeting.organiser_organisation_id == worker.organisation_id) | invited,
            _assigned(worker, Meeting.file_id),
            _open(Meeting.file_id),
        )
    )
    return [
        Task(
            "meeting",
            r.id,
            r.file_id,
            plan_rules.local_today(r.starts_at),
            f"/dossiers/{r.file_id}/overleg/{r.id}",
        )
        for r in rows
    ]


# Where tasks come from, in no particular order (the list is sorted by due date).
TASK_SOURCES: tuple[TaskSource, ...] = (
    plan_action_tasks,
    referral_tasks,
    lead_handover_tasks,
    expiring_consent_tasks,
    meeting_tasks,
)


async def collect_tasks(
    uow: UnitOfWork, who: Principal | Worker, sources: Sequence[TaskSource] = TASK_SOURCES
) -> list[Task]:
    """Every task of a worker from every source, soonest due first (undated last). Records
    no audit event: a task holds no case content (the request that shows them records one)."""
    if who.organisation_id is None:
        return []
    worker = Worker(who.account_id, who.organisation_id)
    now = uow.runtime.clock()
    tasks: list[Task] = []
    for source in sources:
        tasks.extend(await source(uow, worker, now))
    return sorted(tasks, key=Task.sort_key)


def task_view(runtime: Runtime, task: Task, today: date) -> TaskView:
    """A task as the API (and the dashboard) shows it."""
    return TaskView(
        kind=task.kind,
        object_id=task.object_id,
        file_id=task.file_id,
        reference=(file_reference(runtime.secrets.audit_key, task.file_id) if task.file_id else ""),
        due_on=task.due_on,
        overdue=task.due_on is not None and task.due_on < today,
        link=task.link,
    )


async def my_tasks(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> TaskPage:
    """The caller's tasks, soonest due first (undated last, then by kind and id), ``limit`` at a
    time after the cursor ``after``; each marked overdue when its due day has passed."""
    position: tuple[str, ...] | None = None
    if after is not None:
        try:
            position = decode_key(after, 3)
            date.fromisoformat(position[0])
            uuid.UUID(position[2])
        except (BadCursor, ValueError):
            raise bad_after() from None
    tasks = await collect_tasks(uow, principal)
    await record(uow, ctx, Action.COORDINATION_TASK_LIST, "allowed", object_type=OBJECT_TASK_LIST)
    if position is not None:
        tasks = [t for t in tasks if t.sort_key() > position]
    page = tasks[:limit]
    next_cursor = encode_key(*page[-1].sort_key()) if len(tasks) > limit else None
    today = plan_rules.local_today(uow.runtime.clock())
    return TaskPage(items=[task_view(uow.runtime, t, today) for t in page], next=next_cursor)
