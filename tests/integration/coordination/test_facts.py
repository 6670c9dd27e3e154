"""The one consent-facts statement: every consent with its members and recipients, a member's
own withdrawal, a consent awaiting the family's confirmation, and the many-files form retention
reads — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import insert, update

from tests.factories import TestAccount, create_account
from tests.factories.assignments import assign, make_coordinator
from tests.factories.consent_reviews import staff_recorded_consent
from tests.factories.coordination import (
    consent,
    family,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.coordination.models import ConsentEvent, ConsentRecord
from zorgafstemming.coordination.service.facts import facts_of_files, load_facts
from zorgafstemming.identity.principal import Role


@pytest.fixture
def runtime(rolled_back: Any) -> Any:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _facts(runtime: Any, file_id: str, org: uuid.UUID | None) -> Any:
    async with runtime.sessions() as session, session.begin():
        return await load_facts(session, runtime.cipher, uuid.UUID(file_id), org)


async def _event(runtime: Any, consent_id: uuid.UUID, kind: str, member: Any = None) -> None:
    now = runtime.clock()
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            insert(ConsentEvent).values(
                id=uuid.uuid4(),
                consent_id=consent_id,
                kind=kind,
                occurred_at=now,
                recorded_at=now,
                member_id=member,
            )
        )


async def test_every_consent_comes_with_its_own_members_and_recipients(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0], net.orgs[1]], now),
            consent("youth", ["youth"], [net.orgs[0]], now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    facts = await _facts(runtime, view["id"], net.orgs[0])
    assert facts.is_participant and facts.is_open
    by_giver = {c.given_by: c for c in facts.consents}
    parent, child, youth = (uuid.UUID(member_id(view, r)) for r in ("parent", "child", "youth"))
    assert by_giver[parent].members == {parent, child}
    assert by_giver[parent].recipients == {net.orgs[0], net.orgs[1]}
    assert by_giver[youth].members == {youth}
    assert by_giver[youth].recipients == {net.orgs[0]}
    assert set(facts.members) == {parent, child, youth}
    assert not (await _facts(runtime, view["id"], net.orgs[2])).is_participant
    async with runtime.sessions() as session, session.begin():
        many = await facts_of_files(session, runtime.cipher, [uuid.UUID(view["id"])])
    again = many[uuid.UUID(view["id"])]
    assert again is not None
    assert {c.id: c for c in again.consents} == {c.id: c for c in facts.consents}


async def test_a_members_own_withdrawal_drops_only_that_member(client: Any, runtime: Any) -> None:
    net = await make_network(runtime, size=1)
    now = runtime.clock()
    body = {
        "members": family(now),
        "consents": [consent("parent", ["parent", "child"], [net.orgs[0]], now)],
    }
    view = await open_file(client, net.headers[0], body)
    parent, child = (uuid.UUID(member_id(view, r)) for r in ("parent", "child"))
    cid = uuid.UUID(view["consents"][0]["id"])
    await _event(runtime, cid, "withdrawn", member=child)
    facts = await _facts(runtime, view["id"], net.orgs[0])
    assert facts.consents[0].members == {parent}
    assert facts.consents[0].withdrawn_at is None
    await _event(runtime, cid, "withdrawn", member=parent)
    facts = await _facts(runtime, view["id"], net.orgs[0])
    assert facts.consents[0].members == frozenset()  # every covered member withdrew their part
    await _event(runtime, cid, "withdrawn")
    assert (await _facts(runtime, view["id"], net.orgs[0])).consents[0].withdrawn_at is not None


async def test_a_consent_recorded_in_person_awaits_the_familys_confirmation(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime, size=1)
    made = await staff_recorded_consent(runtime, client, net.headers[0], net.orgs[0], scan=None)
    cid = uuid.UUID(made["consent_id"])
    facts = await _facts(runtime, made["file_id"], net.orgs[0])
    assert {c.id: c.awaiting_confirmation for c in facts.consents}[cid] is True
    await _event(runtime, cid, "confirmed")
    facts = await _facts(runtime, made["file_id"], net.orgs[0])
    assert {c.id: c.awaiting_confirmation for c in facts.consents}[cid] is False
    # Recorded before provenance was kept (no recording organisation): as it was.
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(ConsentRecord)
            .where(ConsentRecord.file_id == uuid.UUID(made["file_id"]))
            .values(collection_method="in_person", recorded_by_organisation_id=None)
        )
    facts = await _facts(runtime, made["file_id"], net.orgs[0])
    assert not any(c.awaiting_confirmation for c in facts.consents)


async def test_the_same_statement_says_who_is_assigned_and_who_coordinates(
    client: Any, runtime: Any
) -> None:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    file_id = uuid.UUID(view["id"])
    coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])
    await make_coordinator(runtime, coordinator)

    async def facts_for(account: TestAccount) -> Any:
        async with runtime.sessions() as session, session.begin():
            return await load_facts(
                session,
                runtime.cipher,
                file_id,
                account.organisation_id,
                account_id=account.id,
            )

    opener = await facts_for(net.workers[0])
    assert (opener.assigned, opener.is_coordinator) == (True, False)
    boss = await facts_for(coordinator)
    assert (boss.assigned, boss.is_coordinator) == (False, True)
    # An assignment counts only in the worker's own organisation.
    await assign(runtime, file_id, net.workers[1])
    outsider = await facts_for(net.workers[1])
    assert outsider.assigned and not outsider.is_participant
    elsewhere = await facts_for(replace(net.workers[0], organisation_id=net.orgs[1]))
    assert not elsewhere.assigned and not elsewhere.is_coordinator
