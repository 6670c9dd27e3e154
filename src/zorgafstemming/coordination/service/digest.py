"""The daily task mail: a worker who asks for it gets, once a day, how many tasks wait for them
(per kind, and how many are overdue) and a link to their dashboard — never what a task is
about, never a family's name or a file's content.

Each worker's mail of the day is claimed with one conditional UPDATE of their setting
(``last_sent_on`` before today), in the transaction that puts the mail in the outbox: however
many instances look, and even two at once, one claims it and the other finds nothing to do.
"""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import date

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.plan_models import TaskDigestSetting
from zorgafstemming.coordination.service.tasks import Worker, collect_tasks
from zorgafstemming.identity import colleagues
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Principal
from zorgafstemming.mail import outbox
from zorgafstemming.mail.texts import compose
from zorgafstemming.runtime import Runtime, UnitOfWork

OBJECT_TASK_DIGEST_SETTING = "task_digest_setting"
DASHBOARD = "/dossiers"
# Dutch names of the kinds of task, as the mail counts them.
KIND_LABELS = {
    "plan_action": "acties uit een gezinsplan",
    "referral": "verwijzingen naar uw organisatie",
    "lead_handover": "aangeboden leidingen van een dossier",
    "consent_expiring": "toestemmingen die binnen 30 dagen aflopen",
    "meeting": "casusoverleggen die nog komen",
}


async def task_digest_enabled(uow: UnitOfWork, account_id: uuid.UUID) -> bool:
    """Whether the worker asked for the daily task mail."""
    enabled = await uow.session.scalar(
        select(TaskDigestSetting.enabled).where(TaskDigestSetting.account_id == account_id)
    )
    return bool(enabled)


async def set_task_digest(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, enabled: bool
) -> None:
    """Turn the signed-in worker's daily task mail on or off."""
    dialect = uow.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = insert(TaskDigestSetting).values(account_id=principal.account_id, enabled=enabled)
    await uow.session.execute(
        stmt.on_conflict_do_update(index_elements=["account_id"], set_={"enabled": enabled})
    )
    await record(
        uow,
        ctx,
        Action.COORDINATION_TASK_DIGEST_SET,
        "allowed",
        object_type=OBJECT_TASK_DIGEST_SETTING,
        object_id=principal.account_id,
    )


# A kind of task without a label of its own above (a source added later) is counted as this.
OTHER_LABEL = "andere taken"


def digest_lines(kinds: list[str]) -> list[tuple[int, str]]:
    """The lines of a digest: how many tasks of each kind (in a fixed order), then the rest."""
    counted = Counter(kinds)
    lines = [(counted[kind], label) for kind, label in KIND_LABELS.items() if counted[kind]]
    others = sum(n for kind, n in counted.items() if kind not in KIND_LABELS)
    return lines + ([(others, OTHER_LABEL)] if others else [])


async def send_digest(uow: UnitOfWork, account_id: uuid.UUID, today: date) -> bool:
    """Claim today's mail of one worker and queue it when they have tasks; whether a mail was
    queued (not when another instance claimed it, the account is no longer an active worker
    with an address, or nothing waits for them)."""
    claimed = await uow.session.execute(
        update(TaskDigestSetting)
        .where(
            TaskDigestSetting.account_id == account_id,
            TaskDigestSetting.enabled.is_(True),
            or_(TaskDigestSetting.last_sent_on.is_(None), TaskDigestSetting.last_sent_on < today),
        )
        .values(last_sent_on=today)
    )
    if not getattr(claimed, "rowcount", 0):
        return False
    organisation = await uow.session.scalar(
        select(Account.organisation_id).where(Account.id == account_id)
    )
    if organisation is None:
        return False
    found = await colleagues.organisation_workers(uow, organisation, account_ids=[account_id])
    if not found or not found[0].email:
        return False
    tasks = await collect_tasks(uow, Worker(account_id, organisation))
    if not tasks:
        return False
    overdue = sum(1 for t in tasks if t.due_on is not None and t.due_on < today)
    message = compose(
        "task-digest",
        found[0].email,
        total=len(tasks),
        lines=digest_lines([t.kind for t in tasks]),
        overdue=overdue,
        link=outbox.link(uow.runtime, DASHBOARD),
    )
    await outbox.enqueue(uow, kind="task-digest", message=message, account_id=account_id)
    return True


async def send_digests(runtime: Runtime) -> int:
    """Today's task mails of every worker who asked for one and has not had it yet, each in a
    transaction of its own; how many were queued."""
    today = plan_rules.local_today(runtime.clock())
    async with runtime.unit_of_work() as uow:
        due = list(
            await uow.session.scalars(
                select(TaskDigestSetting.account_id).where(
                    TaskDigestSetting.enabled.is_(True),
                    or_(
                        TaskDigestSetting.last_sent_on.is_(None),
                        TaskDigestSetting.last_sent_on < today,
                    ),
                )
            )
        )
    sent = 0
    for account_id in due:
        async with runtime.unit_of_work() as uow:
            sent += await send_digest(uow, account_id, today)
    return sent
