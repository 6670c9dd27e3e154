"""A worker's task list and the daily task mail, on SQLite and PostgreSQL: soonest due first,
overdue marked as the clock moves on, only what waits for this worker; the mail counts tasks
and links to the dashboard, and tells nothing of what they are about."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories.accounts import create_account
from tests.factories.assignments import assign
from tests.factories.coordination import travel
from tests.factories.plan import add_action, add_goal, created, owned_by, plan_file
from tests.factories.referrals import refer
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.coordination.digest_scheduler import digest_round
from zorgafstemming.coordination.rules import BRUSSELS
from zorgafstemming.coordination.service.digest import send_digests, set_task_digest
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.mail.outbox import read_message
from zorgafstemming.runtime import Runtime

SECRET = "Kanarie-actie-over-het-gezin-31f7"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _tasks(client: AsyncClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = await client.get("/api/v1/me/tasks", headers=headers)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


async def test_tasks_come_soonest_due_first_and_overdue_is_marked(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    today = runtime.clock().astimezone(BRUSSELS).date()
    colleague = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=f.net.orgs[0])
    await assign(runtime, f.file_id, colleague)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))

    async def action(**extra: Any) -> str:
        made = await created(
            await add_action(client, f.a, f.file_id, goal["id"], [f.parent], **extra)
        )
        return str(made["id"])

    later = await action(due_on=(today + timedelta(days=20)).isoformat())
    undated = await action()
    soon = await action(due_on=(today + timedelta(days=5)).isoformat())
    await action(due_on=today.isoformat(), assignee_account_id=str(colleague.id))
    for_b = await action(due_on=today.isoformat(), **owned_by(f.net.orgs[1]))
    finished = await action(due_on=today.isoformat())
    moved = await client.post(
        f"/api/v1/files/{f.file_id}/plan/actions/{finished}/status",
        json={"status": "done"},
        headers=f.a,
    )
    assert moved.status_code == 200
    mine = await _tasks(client, f.a)
    assert [t["object_id"] for t in mine] == [soon, later, undated]
    assert not any(t["overdue"] for t in mine)
    assert {t["kind"] for t in mine} == {"plan_action"}
    assert all(t["file_id"] == f.file_id and len(t["reference"]) == 8 for t in mine)
    assert [t["object_id"] for t in await _tasks(client, f.b)] == [for_b]
    # Ten days on, the action due in five is overdue; the rest is not.
    await travel(runtime, f.net, runtime.clock() + timedelta(days=10))
    mine = await _tasks(client, f.a)
    assert [(t["object_id"], t["overdue"]) for t in mine] == [
        (soon, True),
        (later, False),
        (undated, False),
    ]
    # Near the end of the consents, they are tasks too, due the day they end.
    await travel(runtime, f.net, runtime.clock() + timedelta(days=330))
    kinds = [t["kind"] for t in await _tasks(client, f.a)]
    assert kinds[:2] == ["plan_action", "plan_action"] and kinds[-1] == "plan_action"
    assert "consent_expiring" in kinds[2:-1]


async def test_the_daily_mail_counts_tasks_and_tells_nothing_of_them(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    # Tomorrow morning: the consents, given today, are in force.
    tomorrow = runtime.clock().astimezone(BRUSSELS).date() + timedelta(days=1)
    morning = datetime.combine(tomorrow, time(8), tzinfo=BRUSSELS)
    await travel(runtime, f.net, morning)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent], title=SECRET))
    for days in (-2, 3):
        due = (morning.date() + timedelta(days=days)).isoformat()
        await created(
            await add_action(
                client, f.a, f.file_id, goal["id"], [f.parent], description=SECRET, due_on=due
            )
        )
    worker = f.net.workers[0]
    async with runtime.unit_of_work() as uow:
        await set_task_digest(uow, worker.principal(), AuditContext(), True)
    # Too early in the day: nothing yet.
    await travel(runtime, f.net, morning.replace(hour=6, minute=30))
    assert await digest_round(runtime) is None
    await travel(runtime, f.net, morning)
    assert await digest_round(runtime) == 1
    assert await send_digests(runtime) == 0  # one mail a day
    async with runtime.unit_of_work() as uow:
        rows = (
            await uow.session.execute(
                select(OutboundMail.id, OutboundMail.message_enc).where(
                    OutboundMail.kind == "task-digest"
                )
            )
        ).all()
        [(mail_id, blob)] = rows
        assert blob is not None
        message = await read_message(uow, mail_id, blob)
    assert "2 acties uit een gezinsplan" in message.body
    assert "Waarvan 1 over tijd" in message.body
    assert message.body.count("http") == 1 and "/dossiers" in message.body
    for text in (SECRET, "Els", "Peeters", "Mila", f.file_id, str(uuid.UUID(f.file_id))):
        assert text not in message.body and text not in message.subject
    # The next day, another; a worker who turned it off gets none.
    await travel(runtime, f.net, morning + timedelta(days=1))
    assert await send_digests(runtime) == 1
    async with runtime.unit_of_work() as uow:
        await set_task_digest(uow, worker.principal(), AuditContext(), False)
    await travel(runtime, f.net, morning + timedelta(days=2))
    assert await send_digests(runtime) == 0


async def test_referrals_and_lead_offers_wait_for_the_receiving_organisation(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    sent = await refer(client, f.a, f.file_id, f.net.orgs[2], urgency="urgent")
    assert sent.status_code == 201, sent.text
    offered = await client.post(
        f"/api/v1/files/{f.file_id}/lead-handover",
        json={"organisation_id": str(f.net.orgs[1])},
        headers=f.a,
    )
    assert offered.status_code == 201, offered.text
    today = runtime.clock().astimezone(BRUSSELS).date()
    [referral] = await _tasks(client, f.net.headers[2])
    assert (referral["kind"], referral["object_id"]) == ("referral", sent.json()["id"])
    # Nothing of the file before the receiving organisation takes part: no id, no reference.
    assert referral["file_id"] is None and referral["reference"] == ""
    assert referral["due_on"] == (today + timedelta(days=1)).isoformat()
    [lead] = await _tasks(client, f.b)
    assert (lead["kind"], lead["file_id"]) == ("lead_handover", f.file_id)
    assert await _tasks(client, f.a) == []
