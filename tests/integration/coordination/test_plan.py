"""The family plan over the API, on SQLite and PostgreSQL: the consent gate of the entries on
every goal and action (for the writer and for the owner), what the family sees and may do,
and the history that keeps every change."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories.coordination import audit_events
from tests.factories.plan import add_action, add_goal, created, owned_by, plan_file
from zorgafstemming.coordination.plan_models import PlanAction, PlanEvent
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _plan(client: AsyncClient, headers: dict[str, str], file_id: str) -> dict[str, Any]:
    answer = await client.get(f"/api/v1/files/{file_id}/plan", headers=headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


async def test_an_action_owned_by_b_about_a_member_b_may_not_see_is_refused_and_withheld(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    b = f.net.orgs[1]
    # A goal about the parent and the child: B's consent covers the parent only.
    family_goal = await created(await add_goal(client, f.a, f.file_id, [f.parent, f.child]))
    parent_goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))
    refused = await add_action(client, f.a, f.file_id, parent_goal["id"], [f.child], **owned_by(b))
    assert refused.status_code == 422, refused.text
    assert refused.json()["type"].endswith("/consent-required")
    assert "owner" in refused.json()["detail"]
    mine = await created(await add_action(client, f.a, f.file_id, parent_goal["id"], [f.child]))
    for_b = await created(
        await add_action(client, f.a, f.file_id, parent_goal["id"], [f.parent], **owned_by(b))
    )
    # B sees the goal about the parent and its own action; A's action about the child and the
    # goal about the child are withheld (their category named, nothing else).
    seen = await _plan(client, f.b, f.file_id)
    assert [g["id"] for g in seen["goals"]] == [parent_goal["id"]]
    [goal] = seen["goals"]
    assert [a["id"] for a in goal["actions"]] == [for_b["id"]]
    assert goal["withheld_actions"] == 1
    assert seen["withheld_categories"] == ["care_plan"]
    assert mine["id"] not in str(seen) and family_goal["id"] not in str(seen)
    # B may not write about the child either, nor change an action it cannot see.
    own = await add_action(client, f.b, f.file_id, parent_goal["id"], [f.child])
    assert own.status_code == 422 and own.json()["type"].endswith("/consent-required")
    hidden = await client.post(
        f"/api/v1/files/{f.file_id}/plan/actions/{mine['id']}/status",
        json={"status": "done"},
        headers=f.b,
    )
    assert hidden.status_code == 404
    # A, whose consent covers everyone, sees the whole plan.
    whole = await _plan(client, f.a, f.file_id)
    assert len(whole["goals"]) == 2 and whole["withheld_categories"] == []
    # One audit event per request, the refusals recorded as denied.
    events = [e for e in await audit_events(runtime) if e["action"].startswith("coordination:plan")]
    assert [e["outcome"] for e in events].count("denied") == 3
    assert len(events) == 9


async def test_the_family_sees_the_plan_without_confidential_and_others_only_items(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent, f.child]))
    secret_goal = await created(
        await add_goal(client, f.a, f.file_id, [f.parent], title="Vertrouwelijk", confidential=True)
    )
    youth_goal = await created(await add_goal(client, f.a, f.file_id, [f.youth], title="Noah"))
    about_child = await created(
        await add_action(client, f.a, f.file_id, goal["id"], [f.child], owner="family")
    )
    confidential = await created(
        await add_action(
            client, f.a, f.file_id, goal["id"], [f.parent], description="Signaal", confidential=True
        )
    )
    youth_only = await created(
        await add_action(client, f.a, f.file_id, goal["id"], [f.youth], description="Noah alleen")
    )
    answer = await client.get(f"/api/v1/me/files/{f.file_id}/plan", headers=f.family_headers)
    assert answer.status_code == 200, answer.text
    [seen] = answer.json()["goals"]
    assert seen["id"] == goal["id"]
    assert [a["id"] for a in seen["actions"]] == [about_child["id"]]
    assert seen["actions"][0]["may_complete"] is True
    text = answer.text
    for hidden in (secret_goal, youth_goal, confidential, youth_only):
        assert hidden["id"] not in text
    assert "Signaal" not in text and "Noah" not in text
    # The family cannot comment on a goal it does not see: it looks like no goal at all.
    for goal_id in (youth_goal["id"], str(uuid.uuid4())):
        refused = await client.post(
            f"/api/v1/me/plan/goals/{goal_id}/comments",
            json={"text": "Mag ik meedoen?"},
            headers=f.family_headers,
        )
        assert refused.status_code == 404
    comment = await client.post(
        f"/api/v1/me/plan/goals/{goal['id']}/comments",
        json={"text": "Wij willen dit graag samen doen."},
        headers=f.family_headers,
    )
    assert comment.status_code == 201, comment.text
    # The partner reads the comment with the goal; it is stored encrypted.
    whole = await _plan(client, f.a, f.file_id)
    [commented] = [g for g in whole["goals"] if g["id"] == goal["id"]]
    assert commented["comments"][0]["text"] == "Wij willen dit graag samen doen."
    assert commented["comments"][0]["by_family"] is True
    async with runtime.sessions() as session:
        blobs = list(await session.scalars(select(PlanEvent.text_enc)))
    assert not any(b and b"samen doen" in bytes(b) for b in blobs)


async def test_the_family_marks_its_own_action_done_and_not_a_partners(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await plan_file(client, runtime)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))
    ours = await created(
        await add_action(client, f.a, f.file_id, goal["id"], [f.parent], owner="family")
    )
    theirs = await created(await add_action(client, f.a, f.file_id, goal["id"], [f.parent]))
    done = await client.post(f"/api/v1/me/plan/actions/{ours['id']}/done", headers=f.family_headers)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["may_complete"] is False
    again = await client.post(
        f"/api/v1/me/plan/actions/{ours['id']}/done", headers=f.family_headers
    )
    assert again.status_code == 409
    refused = await client.post(
        f"/api/v1/me/plan/actions/{theirs['id']}/done", headers=f.family_headers
    )
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("/plan-family-owned-only")
    async with runtime.sessions() as session:
        status = await session.scalar(
            select(PlanAction.status).where(PlanAction.id == uuid.UUID(theirs["id"]))
        )
    assert status == "planned"
    # The partners see who did it: the family.
    history = await client.get(f"/api/v1/files/{f.file_id}/plan/events", headers=f.a)
    last = history.json()["items"][-1]
    assert (last["kind"], last["to_status"], last["by_family"]) == ("status_changed", "done", True)


async def test_every_change_is_kept_in_the_history(client: AsyncClient, runtime: Runtime) -> None:
    f = await plan_file(client, runtime)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))
    action = await created(await add_action(client, f.a, f.file_id, goal["id"], [f.parent]))
    path = f"/api/v1/files/{f.file_id}/plan/actions/{action['id']}/status"
    moved = await client.post(path, json={"status": "in_progress"}, headers=f.a)
    assert moved.status_code == 200, moved.text
    no_reason = await client.post(path, json={"status": "dropped"}, headers=f.a)
    assert no_reason.status_code == 422
    dropped = await client.post(
        path, json={"status": "dropped", "reason": "Gezin koos een andere school"}, headers=f.a
    )
    assert dropped.json()["status"] == "dropped"
    assert dropped.json()["drop_reason"] == "Gezin koos een andere school"
    finished = await client.post(path, json={"status": "planned"}, headers=f.a)
    assert finished.status_code == 409
    # Read in pages of two: every change, oldest first, with what changed and who made it.
    items: list[dict[str, Any]] = []
    after: str | None = None
    while True:
        params: dict[str, str | int] = {"limit": 2, **({"after": after} if after else {})}
        page = await client.get(
            f"/api/v1/files/{f.file_id}/plan/events", params=params, headers=f.a
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        after = page.json()["next"]
        if after is None:
            break
    assert [(e["kind"], e["from_status"], e["to_status"]) for e in items] == [
        ("goal_created", None, None),
        ("action_created", None, "planned"),
        ("status_changed", "planned", "in_progress"),
        ("status_changed", "in_progress", "dropped"),
    ]
    assert items[1]["text"] == "Gesprek met de leerkracht plannen"
    assert items[3]["text"] == "Gezin koos een andere school"
    assert {e["organisation_id"] for e in items} == {str(f.net.orgs[0])}
    # B, not the owner nor the lead, may not change A's action about the parent.
    other = await created(await add_action(client, f.a, f.file_id, goal["id"], [f.parent]))
    refused = await client.post(
        f"/api/v1/files/{f.file_id}/plan/actions/{other['id']}/status",
        json={"status": "done"},
        headers=f.b,
    )
    assert refused.status_code == 403


async def test_a_closed_file_plan_is_read_only(client: AsyncClient, runtime: Runtime) -> None:
    f = await plan_file(client, runtime)
    goal = await created(await add_goal(client, f.a, f.file_id, [f.parent]))
    ours = await created(
        await add_action(client, f.a, f.file_id, goal["id"], [f.parent], owner="family")
    )
    closed = await client.post(f"/api/v1/files/{f.file_id}/close", headers=f.a)
    assert closed.status_code == 200, closed.text
    assert (await add_goal(client, f.a, f.file_id, [f.parent])).status_code == 404
    done = await client.post(f"/api/v1/me/plan/actions/{ours['id']}/done", headers=f.family_headers)
    assert done.status_code == 409
    assert done.json()["type"].endswith("/file-closed")
