"""A restricted file takes no new recipients (GDPR art. 18), on SQLite and PostgreSQL: while
the DPO restricts it, the lead adds no partner organisation and an addressee does not accept a
referral to it (409 ``restricted``, nothing written, the refusal audited under the policy
``restricted``); declining stays possible; lifting the restriction makes both possible again."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories.coordination import (
    Network,
    audit_events,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.referrals import record_consent_for, refer
from tests.factories.restrictions import lift, restrict
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import Participant
from zorgafstemming.coordination.referral_models import Referral
from zorgafstemming.runtime import Runtime

RESTRICTED = "/problems/restricted"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _file(client: AsyncClient, runtime: Runtime, net: Network) -> dict[str, Any]:
    """A file led by organisation 0 whose consents also name organisations 1 and 2."""
    return await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))


async def _written(runtime: Runtime, file_id: str) -> tuple[int, int, list[str]]:
    """The file's participants, its assignments and the states of its referrals."""
    fid = uuid.UUID(file_id)
    async with runtime.sessions() as session:
        participants = await session.scalar(
            select(func.count()).select_from(Participant).where(Participant.file_id == fid)
        )
        assignments = await session.scalar(
            select(func.count()).select_from(FileAssignment).where(FileAssignment.file_id == fid)
        )
        states = await session.scalars(
            select(Referral.status).where(Referral.file_id == fid).order_by(Referral.created_at)
        )
        return int(participants or 0), int(assignments or 0), list(states)


def _is_restricted(response: Any) -> None:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == RESTRICTED


async def _last_event(runtime: Runtime, action: str) -> tuple[str, str]:
    event = [e for e in await audit_events(runtime) if e["action"] == action][-1]
    return event["outcome"], event["policy_id"]


async def test_the_lead_adds_no_partner_to_a_restricted_file_until_it_is_lifted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    fid = view["id"]
    placed = await restrict(runtime, fid)
    before = await _written(runtime, fid)

    added = await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    _is_restricted(added)
    assert await _written(runtime, fid) == before
    assert await _last_event(runtime, "coordination:participant:add") == ("denied", "restricted")
    # The organisation that would have joined sees nothing of the file.
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 404

    await lift(runtime, placed)
    again = await client.post(
        f"/api/v1/files/{fid}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    assert again.status_code == 201, again.text
    assert (await _written(runtime, fid))[0] == before[0] + 1


async def test_a_referral_to_a_restricted_file_is_not_accepted_until_it_is_lifted(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _file(client, runtime, net)
    fid = view["id"]
    to_one = await refer(client, net.headers[0], fid, net.orgs[1])
    to_two = await refer(client, net.headers[0], fid, net.orgs[2])
    assert to_one.status_code == to_two.status_code == 201
    placed = await restrict(runtime, fid)
    before = await _written(runtime, fid)
    assert before[2] == ["open", "open"]

    accepted = await client.post(
        f"/api/v1/referrals/{to_one.json()['id']}/accept", headers=net.headers[1]
    )
    _is_restricted(accepted)
    assert await _written(runtime, fid) == before  # no participant, assignment or answer
    assert await _last_event(runtime, "coordination:referral:accept") == ("denied", "restricted")
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 404
    # No new referral either; declining one only narrows, and stays possible.
    _is_restricted(await refer(client, net.headers[0], fid, net.orgs[1]))
    declined = await client.post(
        f"/api/v1/referrals/{to_two.json()['id']}/decline",
        json={"reason": "no_capacity"},
        headers=net.headers[2],
    )
    assert declined.status_code == 200, declined.text
    assert (await _written(runtime, fid))[2] == ["open", "declined"]

    await lift(runtime, placed)
    joined = await client.post(
        f"/api/v1/referrals/{to_one.json()['id']}/accept", headers=net.headers[1]
    )
    assert joined.status_code == 200, joined.text
    assert joined.json()["status"] == "joined"
    assert (await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])).status_code == 200


async def test_a_referral_waiting_for_consent_does_not_join_a_restricted_file(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    # The consents name organisation 0 only: an accepted referral waits for the family.
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs[:1]))
    fid = view["id"]
    sent = await refer(client, net.headers[0], fid, net.orgs[1])
    rid = sent.json()["id"]
    waiting = await client.post(f"/api/v1/referrals/{rid}/accept", headers=net.headers[1])
    assert waiting.json()["status"] == "waiting_for_consent"
    # The family's consent arrives, then the DPO restricts before the partner joins.
    parent = member_id(view, "parent")
    await record_consent_for(
        client, net.headers[0], runtime, fid, parent, net.orgs[:2], ["identity"]
    )
    await restrict(runtime, fid)
    before = await _written(runtime, fid)

    _is_restricted(await client.post(f"/api/v1/referrals/{rid}/accept", headers=net.headers[1]))
    assert await _written(runtime, fid) == before
    assert before[2] == ["waiting_for_consent"]
