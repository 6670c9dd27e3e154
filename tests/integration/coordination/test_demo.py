"""The demo network holds two families' files that the demo accounts can really use."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, demo_account
from zorgafstemming.demo import seed_demo
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def test_demo_families_have_files_consents_entries_and_a_family_member(
    runtime: Runtime, client: AsyncClient
) -> None:
    report = await seed_demo(runtime)
    assert report.files == 2
    by_org = {a["organisation"]: demo_account(a) for a in report.accounts if a["organisation"]}
    caw = await auth_headers(runtime, by_org["caw-de-kempen"])
    ocmw = await auth_headers(runtime, by_org["ocmw-zoersel"])
    kg = await auth_headers(runtime, by_org["kind-en-gezin-brecht"])
    caw_files = (await client.get("/api/v1/files", headers=caw)).json()["items"]
    kg_files = (await client.get("/api/v1/files", headers=kg)).json()["items"]
    assert len(caw_files) == len(kg_files) == 1
    assert caw_files[0]["id"] != kg_files[0]["id"]
    peeters = (await client.get(f"/api/v1/files/{caw_files[0]['id']}", headers=caw)).json()
    assert len(peeters["consents"]) == 2 and len(peeters["participants"]) == 2
    entries = await client.get(f"/api/v1/files/{peeters['id']}/entries", headers=caw)
    assert len(entries.json()["items"]) == 4
    # OCMW takes part under the parent's consent; the youth's own consent names only CAW.
    shared = (await client.get(f"/api/v1/files/{peeters['id']}", headers=ocmw)).json()
    youth = next(m["id"] for m in peeters["members"] if m["role"] == "youth")
    assert {"id": youth, "visible": False} in shared["members"]
    # Nobody outside a family's partners sees its file.
    assert (await client.get(f"/api/v1/files/{peeters['id']}", headers=kg)).status_code == 404
    family = next(demo_account(a) for a in report.accounts if a["role"] == "family")
    mine = (
        await client.get("/api/v1/me/files", headers=await auth_headers(runtime, family))
    ).json()["items"]
    assert [f["id"] for f in mine] == [peeters["id"]]
