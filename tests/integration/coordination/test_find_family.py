"""Recognising and finding a family's file, on SQLite and PostgreSQL: the short reference and
the label in the API's views, the search that never finds a file the caller may not see (a
foreign match answers like no match), and the duplicate check that names only the lead
organisation, after a reason the DPO then sees."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import delete, select, text

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from tests.factories.assignments import assign
from tests.factories.coordination import (
    VALID_INSZ,
    add_partner,
    audit_events,
    consent,
    family,
    file_body,
    make_network,
    open_file,
)
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.recognition import NAME_INDEX
from zorgafstemming.coordination.service.name_index import reindex_member_names
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

SEARCH = "/api/v1/files/search"
CHECK = "/api/v1/files/duplicate-check"
# A valid national number nobody in these tests has.
NOBODY = "85031212362"
# Another family's parent (a valid national number).
OTHER = "90010112395"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


def _parent_birth_year(runtime: Runtime) -> int:
    return int(family(runtime.clock())[0]["birth_date"][:4])


async def test_the_file_is_named_by_its_reference_and_its_family_label(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    reference = file_reference(runtime.secrets.audit_key, uuid.UUID(view["id"]))
    assert view["reference"] == reference and len(reference) == 8
    assert view["label"] == "Gezin Peeters — Zoersel"

    listed = (await client.get("/api/v1/files", headers=net.headers[0])).json()["items"]
    assert [(f["reference"], f["label"], f["role"]) for f in listed] == [
        (reference, "Gezin Peeters — Zoersel", "lead")
    ]
    assert listed[0]["last_activity"] is not None


async def test_without_identity_data_the_label_falls_back_to_the_reference(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0]], now, categories=["case_notes"])
        ],
    }
    view = await open_file(client, net.headers[0], body)
    assert view["label"] is None
    listed = (await client.get("/api/v1/files", headers=net.headers[0])).json()["items"]
    assert listed[0]["label"] is None
    assert listed[0]["reference"] == view["reference"]
    # Nor can the name be found: the consent does not cover identity data.
    found = await client.post(
        SEARCH,
        json={"family_name": "Peeters", "birth_year": _parent_birth_year(runtime)},
        headers=net.headers[0],
    )
    assert found.json() == {"items": [], "next": None}


async def test_search_finds_the_file_by_national_number_and_by_name_and_birth_year(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    year = _parent_birth_year(runtime)
    for terms in (
        {"insz": VALID_INSZ},
        {"insz": f"{VALID_INSZ[:6]}-{VALID_INSZ[6:9]}.{VALID_INSZ[9:]}"},
        {"family_name": "Peeters", "birth_year": year},
        {"family_name": " PÉE-TERS ", "birth_year": year},
    ):
        found = await client.post(SEARCH, json=terms, headers=net.headers[0])
        assert found.status_code == 200, found.text
        items = found.json()["items"]
        assert [(f["id"], f["label"]) for f in items] == [(view["id"], "Gezin Peeters — Zoersel")]
    for terms in (
        {"family_name": "Peters", "birth_year": year},  # no fuzzy search
        {"family_name": "Peeters", "birth_year": year + 1},
        {"insz": NOBODY},
    ):
        found = await client.post(SEARCH, json=terms, headers=net.headers[0])
        assert found.json() == {"items": [], "next": None}


def _other_family(now: datetime, insz: str, family_name: str) -> list[dict[str, Any]]:
    """The test family with the parent's national number and everyone's family name changed."""
    members = family(now)
    for member in members:
        member["family_name"] = family_name
    members[0]["insz"] = insz
    return members


async def test_among_several_files_search_finds_exactly_the_callers_own_match(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    year = _parent_birth_year(runtime)
    mine = await open_file(client, net.headers[0], file_body(now, [net.orgs[0]]))
    other = await open_file(
        client,
        net.headers[0],
        {**file_body(now, [net.orgs[0]]), "members": _other_family(now, OTHER, "Janssens")},
    )
    # The same parent is known at B too, in a file of B's that A may not see.
    theirs = await open_file(client, net.headers[1], file_body(now, [net.orgs[1]]))

    async def found(headers: dict[str, str], terms: dict[str, Any]) -> list[str]:
        answer = await client.post(SEARCH, json=terms, headers=headers)
        assert answer.status_code == 200, answer.text
        return [f["id"] for f in answer.json()["items"]]

    by_name = {"family_name": "Peeters", "birth_year": year}
    assert await found(net.headers[0], {"insz": VALID_INSZ}) == [mine["id"]]
    assert await found(net.headers[0], by_name) == [mine["id"]]
    assert await found(net.headers[0], {"insz": OTHER}) == [other["id"]]
    assert await found(net.headers[0], {"family_name": "Janssens", "birth_year": year}) == [
        other["id"]
    ]
    assert await found(net.headers[1], {"insz": VALID_INSZ}) == [theirs["id"]]
    assert await found(net.headers[1], by_name) == [theirs["id"]]
    assert await found(net.headers[1], {"insz": OTHER}) == []
    assert await found(net.headers[2], {"insz": VALID_INSZ}) == []


async def test_search_never_finds_a_file_the_caller_may_not_see(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    now = runtime.clock()
    # Organisation B takes part, but its consent covers only case notes, not identity.
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0]], now),
            consent(
                "parent", ["parent"], [net.orgs[0], net.orgs[1]], now, categories=["case_notes"]
            ),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    colleague = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=net.orgs[0])
    unassigned = await auth_headers(runtime, colleague)
    year = _parent_birth_year(runtime)

    for headers in (net.headers[1], net.headers[2], unassigned):
        for terms in ({"insz": VALID_INSZ}, {"family_name": "Peeters", "birth_year": year}):
            foreign = await client.post(SEARCH, json=terms, headers=headers)
            nothing = await client.post(SEARCH, json={"insz": NOBODY}, headers=headers)
            # A match the caller may not see answers exactly like no match at all.
            assert foreign.status_code == nothing.status_code == 200
            assert foreign.content == nothing.content == b'{"items":[],"next":null}'
            assert foreign.headers.get("content-length") == nothing.headers.get("content-length")


async def test_every_search_is_audited_with_its_hits_and_never_its_terms(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    await client.post(SEARCH, json={"insz": VALID_INSZ}, headers=net.headers[0])
    await client.post(SEARCH, json={"insz": VALID_INSZ}, headers=net.headers[1])
    searches = [e for e in await audit_events(runtime) if e["action"] == "coordination:file:search"]
    assert [e["outcome"] for e in searches] == ["allowed", "allowed"]
    assert "hits:1" in searches[0]["data_category"].split("+")
    assert searches[1]["data_category"] == "hits:0"
    dump = repr(await audit_events(runtime)).lower()
    assert VALID_INSZ not in dump and "peeters" not in dump


async def test_bad_search_terms_are_refused_without_echoing_them(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    for terms, field in (
        ({"insz": "12345678901"}, "insz"),
        ({"insz": VALID_INSZ, "family_name": "Peeters", "birth_year": 1990}, "insz"),
        ({"family_name": "Peeters"}, "birth_year"),
        ({"birth_year": 1990}, "family_name"),
        ({}, "family_name"),
    ):
        refused = await client.post(SEARCH, json=terms, headers=net.headers[0])
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert field in {e["field"] for e in refused.json()["errors"]}
        assert "12345678901" not in refused.text and "Peeters" not in refused.text


async def _lead_name(runtime: Runtime, org: uuid.UUID) -> str:
    async with runtime.sessions() as session:
        name = await session.scalar(select(Organisation.name).where(Organisation.id == org))
    return str(name)


async def test_the_duplicate_check_names_only_the_lead_after_a_reason_and_the_dpo_sees_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    reason = "Aanmelding van het gezin bij onze dienst"

    # No reason, no answer, nothing stored.
    refused = await client.post(
        CHECK, json={"insz": VALID_INSZ, "reason": "ok"}, headers=net.headers[1]
    )
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["reason"]
    assert await _lead_name(runtime, net.orgs[0]) not in refused.text

    found = await client.post(
        CHECK, json={"insz": VALID_INSZ, "reason": reason}, headers=net.headers[1]
    )
    assert found.status_code == 200, found.text
    answer: dict[str, Any] = found.json()
    assert answer["may_exist"] is True
    assert answer["lead_organisations"] == [
        {"id": str(net.orgs[0]), "name": await _lead_name(runtime, net.orgs[0])}
    ]
    assert set(answer) == {"id", "may_exist", "lead_organisations", "message"}
    assert view["id"] not in found.text and view["reference"] not in found.text
    assert "Peeters" not in found.text

    none = await client.post(CHECK, json={"insz": NOBODY, "reason": reason}, headers=net.headers[1])
    assert none.json()["may_exist"] is False and none.json()["lead_organisations"] == []

    checks = [
        e for e in await audit_events(runtime) if e["action"] == "coordination:duplicate:check"
    ]
    assert [e["outcome"] for e in checks] == ["allowed", "allowed"]
    # The check that matched is recorded against that file (the family's log and the DPO's
    # view of the file show it); the one that matched nothing names no file.
    file_ref = audit_ref(runtime.secrets.audit_key, "file", uuid.UUID(view["id"]))
    assert [e["file_ref"] for e in checks] == [file_ref, None]
    async with runtime.sessions() as session:
        raw = (await session.execute(text("SELECT reason_enc FROM duplicate_checks"))).all()
    assert len(raw) == 2 and all(reason.encode() not in bytes(r[0]) for r in raw)
    assert reason not in repr(await audit_events(runtime))

    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    listed = await client.get("/api/v1/duplicate-checks", headers=dpo)
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [i["reason"] for i in items] == [reason, reason]
    assert sorted(len(i["answered"]) for i in items) == [0, 1]
    assert all(i["organisation"]["id"] == str(net.orgs[1]) for i in items)
    # A worker may not read the checks.
    assert (await client.get("/api/v1/duplicate-checks", headers=net.headers[0])).status_code == 403


async def test_files_opened_before_the_name_index_are_found_once_reindexed(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    async with runtime.unit_of_work() as uow:  # as a file opened before the index existed
        await uow.session.execute(delete(BlindIndex).where(BlindIndex.column == NAME_INDEX))
    terms = {"family_name": "Peeters", "birth_year": _parent_birth_year(runtime)}
    before = await client.post(SEARCH, json=terms, headers=net.headers[0])
    assert before.json()["items"] == []

    async with runtime.unit_of_work() as uow:
        assert await reindex_member_names(uow) == 3  # parent, child, youth

    after = await client.post(SEARCH, json=terms, headers=net.headers[0])
    assert [f["id"] for f in after.json()["items"]] == [view["id"]]
