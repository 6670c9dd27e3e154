"""The family's right of access: the export names organisations, lists who looked, keeps each
consent's history and says why an entry is withheld without its text; the printable overview
shows the same."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import msgspec
import pytest
from httpx import AsyncClient
from sqlalchemy import select

from tests.factories import TestAccount, auth_headers, create_account, web_session
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    audit_events,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
)
from zorgafstemming.coordination.service.family_export import FamilyExport, export_schema_json
from zorgafstemming.identity import sessions
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

SHARED = "Afspraak met mama over de opvang."
SECRET = "Melding-Z7Q: signaal van de school."
ABOUT_YOUTH = "Noah wil niet dat mama dit leest."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


@dataclass
class World:
    net: Network
    view: dict[str, Any]
    parent: TestAccount
    lead: str
    partner: str


async def _note(
    client: AsyncClient, headers: dict[str, str], fid: str, about: str, body: str, **extra: Any
) -> Any:
    return await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [about], "body": body, **extra},
        headers=headers,
    )


async def _world(client: AsyncClient, runtime: Runtime) -> World:
    """A file led by organisation 0 with organisation 1 as a partner that read it; a shared, a
    confidential and a youth's entry; the parent withdrew their consent after the partner read."""
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs[:2]))
    fid = view["id"]
    parent_id = member_id(view, "parent")
    await add_partner(client, net.headers[0], fid, net.orgs[1])
    await assign(runtime, fid, net.workers[1])
    read = await client.get(f"/api/v1/files/{fid}", headers=net.headers[1])
    assert read.status_code == 200, read.text
    for about, body, extra in (
        (parent_id, SHARED, {}),
        (parent_id, SECRET, {"confidential": True, "confidential_reason": "risk_to_child"}),
        (member_id(view, "youth"), ABOUT_YOUTH, {}),
    ):
        assert (await _note(client, net.headers[0], fid, about, body, **extra)).status_code == 201
    parent = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, parent_id, parent)
    withdrawn = await client.post(
        f"/api/v1/me/consents/{consent_of(view, 'parent')}/withdraw",
        headers=await auth_headers(runtime, parent),
    )
    assert withdrawn.status_code == 200, withdrawn.text
    async with runtime.sessions() as session:
        names = dict((await session.execute(select(Organisation.id, Organisation.name))).all())
    return World(net, view, parent, names[net.orgs[0]], names[net.orgs[1]])


async def test_export_names_organisations_lists_who_looked_and_withholds_with_a_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    w = await _world(client, runtime)
    headers = await auth_headers(runtime, w.parent)
    before = await audit_events(runtime)
    response = await client.get("/api/v1/me/export", headers=headers)
    assert response.status_code == 200, response.text
    (file,) = response.json()["files"]
    # Organisations by name, never by id, anywhere in the export.
    assert file["lead_organisation"] == w.lead
    assert file["participants"] == [w.lead, w.partner]
    assert all(str(org) not in response.text for org in w.net.orgs)
    # The partner's read is in the log: which organisation, in which role, what it did.
    assert {"organisation": w.partner, "role": "social_worker", "verb": "viewed"}.items() <= next(
        row for row in file["access_log"] if row["organisation"] == w.partner
    ).items()
    # The parent's consent with its whole history, as the family changed it.
    (mine,) = [c for c in file["consents"] if c["given_by_you"]]
    assert mine["state"] == "withdrawn"
    assert [e["kind"] for e in mine["history"]] == ["given", "withdrawn"]
    assert mine["recipients"] == [w.lead, w.partner] or mine["recipients"] == [w.partner, w.lead]
    assert mine["recorded_by"] == w.lead
    # The shared entry in full; the confidential one as a line with its reason and no text; the
    # youth's entry is not the parent's data at all.
    assert [e["body"] for e in file["entries"]["shared"]] == [SHARED]
    assert file["entries"]["shared"][0]["author_organisation"] == w.lead
    assert [(x["reason"], x["reason_label"]) for x in file["entries"]["withheld"]] == [
        ("risk_to_child", "risico voor het kind")
    ]
    assert SECRET not in response.text and "Melding-Z7Q" not in response.text
    assert ABOUT_YOUTH not in response.text and "Noah" not in response.text
    # One audit event for the whole export: a read of the family's own data.
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"], e["file_ref"]) for e in new] == [
        ("family:export:read", "allowed", None)
    ]


async def test_printable_overview_shows_the_same_facts_without_the_withheld_text(
    client: AsyncClient, runtime: Runtime
) -> None:
    w = await _world(client, runtime)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, w.parent.principal()))
    home = await client.get("/mijn")
    assert 'href="/mijn/inzage"' in home.text
    before = await audit_events(runtime)
    page = await client.get("/mijn/inzage")
    assert page.status_code == 200, page.text
    assert "<script" not in page.text.split("</head>", 1)[1]  # nothing to run on the page
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page.text)))
    assert f"Leidende organisatie {w.lead}" in text
    assert f"Hulpverlener van {w.partner} bekeek contactgegevens en identiteit" in text
    assert "Gegeven" in text and "Ingetrokken" in text
    assert SHARED in text
    assert "afgeschermd wegens risico voor het kind" in text
    assert SECRET not in page.text and ABOUT_YOUTH not in page.text
    assert all(str(org) not in page.text for org in w.net.orgs)
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [("family:export:read", "allowed")]


def test_committed_export_schema_is_the_one_the_types_give() -> None:
    committed = (Path(__file__).resolve().parents[3] / "docs" / "export.schema.json").read_text(
        encoding="utf-8"
    )
    assert json.loads(committed) == json.loads(export_schema_json()), "run: make export-schema"


async def test_a_real_export_decodes_against_its_schema_types(
    client: AsyncClient, runtime: Runtime
) -> None:
    w = await _world(client, runtime)
    response = await client.get("/api/v1/me/export", headers=await auth_headers(runtime, w.parent))
    export = msgspec.json.decode(response.content, type=FamilyExport, strict=True)
    assert [f.id for f in export.files] == [uuid.UUID(w.view["id"])]
    schema = json.loads(export_schema_json())
    section_fields = set(schema["$defs"]["ExportFile"]["properties"])
    assert set(response.json()["files"][0]) == section_fields
