"""Family access: invitation, own files, export, giving and withdrawing consent."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, auth_headers, create_account
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import (
    Network,
    audit_events,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
    row_counts,
)
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _family_file(client: AsyncClient, runtime: Runtime) -> tuple[Any, dict[str, Any]]:
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    entries = [
        ("parent", "Afspraak met mama.", False),
        ("child", "Mila gaat graag naar school.", False),
        ("youth", "Noah wil niet dat mama dit leest.", False),
        ("parent", "Vertrouwelijk: signaal van school.", True),
    ]
    for role, text, confidential in entries:
        r = await client.post(
            f"/api/v1/files/{fid}/entries",
            json={
                "kind": "note",
                "about": [member_id(view, role)],
                "body": text,
                "confidential": confidential,
                "confidential_reason": "professional_notes" if confidential else None,
            },
            headers=net.headers[0],
        )
        assert r.status_code == 201, r.text
    return net, view


async def _link(
    client: AsyncClient, runtime: Runtime, net: Network, view: dict[str, Any], role: str
) -> TestAccount:
    """An active family account linked to the member (as after activation)."""
    account = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, role), account
    )
    return account


async def test_invitation_returns_only_an_in_person_code_for_a_parent(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _family_file(client, runtime)
    fid = view["id"]
    r = await client.post(
        f"/api/v1/files/{fid}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    assert r.status_code == 201, r.text
    body = r.json()
    # The letter's code only: it activates nothing without a code mailed to the member.
    assert set(body) == {
        "account_id",
        "member_id",
        "in_person_code",
        "code_expires_at",
        "link_pending",
    }
    assert body["link_pending"] is False
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", body["in_person_code"])
    # Asked again before anyone activated it: a new letter for the same account (a lost one).
    again = await client.post(
        f"/api/v1/files/{fid}/members/{member_id(view, 'parent')}/invitation",
        headers=net.headers[0],
    )
    assert again.status_code == 201, again.text
    assert again.json()["account_id"] == body["account_id"]
    assert again.json()["in_person_code"] != body["in_person_code"]
    child = await client.post(
        f"/api/v1/files/{fid}/members/{member_id(view, 'child')}/invitation",
        headers=net.headers[0],
    )
    assert child.status_code == 422
    outsider = await client.post(
        f"/api/v1/files/{fid}/members/{member_id(view, 'youth')}/invitation",
        headers=net.headers[1],
    )
    assert outsider.status_code == 404


async def test_parent_sees_self_and_young_child_never_the_youth_or_confidential(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _family_file(client, runtime)
    parent = await _link(client, runtime, net, view, "parent")
    headers = await auth_headers(runtime, parent)
    files = (await client.get("/api/v1/me/files", headers=headers)).json()["items"]
    assert [f["id"] for f in files] == [view["id"]]
    mine = await client.get(f"/api/v1/me/files/{view['id']}", headers=headers)
    assert mine.status_code == 200, mine.text
    body = mine.json()
    assert {m["role"] for m in body["members"]} == {"parent", "child"}
    assert [e["body"] for e in body["entries"]] == [
        "Afspraak met mama.",
        "Mila gaat graag naar school.",
    ]
    assert "Noah" not in mine.text and "Vertrouwelijk" not in mine.text
    other = await client.get(f"/api/v1/me/files/{uuid.uuid4()}", headers=headers)
    assert other.status_code == 404


async def test_youth_sees_only_their_own_data_and_exports_it(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _family_file(client, runtime)
    youth = await _link(client, runtime, net, view, "youth")
    headers = await auth_headers(runtime, youth)
    before = await audit_events(runtime)
    export = await client.get("/api/v1/me/export", headers=headers)
    assert export.status_code == 200
    files = export.json()["files"]
    assert len(files) == 1
    assert [m["given_name"] for m in files[0]["members"]] == ["Noah"]
    assert [e["body"] for e in files[0]["entries"]["shared"]] == [
        "Noah wil niet dat mama dit leest."
    ]
    assert "Els" not in export.text and "Mila" not in export.text
    new = (await audit_events(runtime))[len(before) :]
    assert [(e["action"], e["outcome"]) for e in new] == [("family:export:read", "allowed")]
    # The youth sees the download in their own security activity, with the program that did it.
    security = (await client.get("/api/v1/me/security", headers=headers)).json()
    assert [(e["kind"], e["device"]) for e in security["items"]] == [("export", "Python-programma")]


async def test_family_gives_and_withdraws_own_consent(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _family_file(client, runtime)
    youth = await _link(client, runtime, net, view, "youth")
    parent = await _link(client, runtime, net, view, "parent")
    yh, ph = await auth_headers(runtime, youth), await auth_headers(runtime, parent)
    now = runtime.clock()
    given = {
        "file_id": view["id"],
        "members": [member_id(view, "youth")],
        "recipients": [str(net.orgs[1])],
        "purposes": ["care_coordination"],
        "categories": ["identity"],
        "notice_version": "2026-01",
        "valid_until": (now + timedelta(days=365)).isoformat(),
    }
    r = await client.post("/api/v1/me/consents", json=given, headers=yh)
    assert r.status_code == 201, r.text
    # Given in the portal, whatever a client might claim: the server says so.
    assert r.json()["collection_method"] == "family_portal"
    # A parent may not consent for the 13-year-old: nothing is stored.
    before = await row_counts(runtime)
    for_youth = {**given, "members": [member_id(view, "youth")]}
    refused = await client.post("/api/v1/me/consents", json=for_youth, headers=ph)
    assert refused.status_code == 422
    assert await row_counts(runtime) == before
    # The parent may not withdraw the youth's own consent; the youth may.
    youth_consent = consent_of(view, "youth")
    denied = await client.post(f"/api/v1/me/consents/{youth_consent}/withdraw", headers=ph)
    assert denied.status_code == 404
    ok = await client.post(f"/api/v1/me/consents/{youth_consent}/withdraw", headers=yh)
    assert ok.status_code == 200
    assert ok.json()["scope"] == "all"
    # The organisation no longer sees the youth's data.
    staff = (await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])).json()
    youth_view = next(m for m in staff["members"] if m["id"] == member_id(view, "youth"))
    assert youth_view == {"id": member_id(view, "youth"), "visible": False}
    notes = (await client.get("/api/v1/notifications", headers=net.headers[0])).json()["items"]
    assert "consent_withdrawn" in {n["kind"] for n in notes}


async def test_staff_cannot_use_family_routes_and_family_cannot_use_staff_routes(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _family_file(client, runtime)
    parent = await _link(client, runtime, net, view, "parent")
    ph = await auth_headers(runtime, parent)
    assert (await client.get(f"/api/v1/files/{view['id']}", headers=ph)).status_code == 403
    assert (await client.get("/api/v1/me/files", headers=net.headers[0])).status_code == 403
