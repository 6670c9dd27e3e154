"""The act that carries out a data-subject request answers it: an erasure decided on a family's
erasure request closes it (answered, or refused with the reason), a correction of a member field
closes a rectification request about that member; an act cannot claim a request of another kind,
file or member, and is then refused whole (nothing erased, nothing corrected)."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories.rights import RequestFile, file_request, request_file
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    return rolled_back


async def _mine(client: AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    page = (await client.get("/api/v1/me/requests", headers=headers)).json()
    return {r["id"]: r for r in page["items"]}


async def _member_ids(client: AsyncClient, f: RequestFile) -> set[str]:
    view = (await client.get(f"/api/v1/files/{f.file_id}", headers=f.headers["lead"])).json()
    return {m["id"] for m in view["members"]}


async def test_an_erasure_answers_the_request_it_carries_out(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    child = f.members["child"]
    erase = await file_request(client, f.headers["parent"], child, kind="erasure")
    access = await file_request(client, f.headers["parent"], child, kind="access")
    assert erase.status_code == access.status_code == 201
    url = f"/api/v1/files/{f.file_id}/erasures"

    # An access request is not answered by an erasure: refused whole, the child stays.
    wrong = await client.post(
        url,
        json={
            "decision": "granted",
            "reason": "consent_withdrawn",
            "member_id": child,
            "request_id": access.json()["id"],
        },
        headers=f.headers["dpo"],
    )
    assert wrong.status_code == 422, wrong.text
    assert [e["field"] for e in wrong.json()["errors"]] == ["request_id"]
    assert child in await _member_ids(client, f)
    # Nor an erasure request about the child by an erasure of the youth.
    other_member = await client.post(
        url,
        json={
            "decision": "granted",
            "reason": "consent_withdrawn",
            "member_id": f.members["youth"],
            "request_id": erase.json()["id"],
        },
        headers=f.headers["dpo"],
    )
    assert other_member.status_code == 422
    assert f.members["youth"] in await _member_ids(client, f)

    granted = await client.post(
        url,
        json={
            "decision": "granted",
            "reason": "consent_withdrawn",
            "member_id": child,
            "request_id": erase.json()["id"],
        },
        headers=f.headers["dpo"],
    )
    assert granted.status_code == 201, granted.text
    assert child not in await _member_ids(client, f)
    mine = await _mine(client, f.headers["parent"])
    assert mine[erase.json()["id"]]["status"] == "answered"
    assert mine[access.json()["id"]]["status"] == "received"
    # The request is closed: a second act cannot claim it.
    again = await client.post(
        url,
        json={"decision": "refused", "reason": "other", "request_id": erase.json()["id"]},
        headers=f.headers["dpo"],
    )
    assert again.status_code == 422


async def test_a_refused_erasure_refuses_the_request_with_its_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    erase = await file_request(
        client, f.headers["youth"], f.members["youth"], kind="erasure", scope="file"
    )
    assert erase.status_code == 201, erase.text
    assert erase.json()["scope"] == "file"

    refused = await client.post(
        f"/api/v1/files/{f.file_id}/erasures",
        json={
            "decision": "refused",
            "reason": "legal_obligation",
            "request_id": erase.json()["id"],
        },
        headers=f.headers["dpo"],
    )

    assert refused.status_code == 201, refused.text
    request = (await _mine(client, f.headers["youth"]))[erase.json()["id"]]
    assert request["status"] == "refused"
    detail = await client.get(
        f"/api/v1/rights/requests/{erase.json()['id']}", headers=f.headers["dpo"]
    )
    reasons = [s["reason"] for s in detail.json()["steps"]]
    refusal = "Het verzoek tot wissen is geweigerd: Wettelijke plicht om te bewaren (art. 17.3.b)."
    assert reasons[-1] == refusal
    # The youth who asked reads the refusal and its reason; the parent cannot open it.
    own = await client.get(f"/api/v1/me/requests/{erase.json()['id']}", headers=f.headers["youth"])
    assert own.status_code == 200, own.text
    assert own.json()["status"] == "refused" and own.json()["steps"][-1]["reason"] == refusal
    other = await client.get(
        f"/api/v1/me/requests/{erase.json()['id']}", headers=f.headers["parent"]
    )
    assert other.status_code == 404


async def test_a_correction_answers_a_rectification_request_about_that_member(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    asked = await file_request(client, f.headers["youth"], f.members["youth"], kind="rectification")
    assert asked.status_code == 201, asked.text

    def correction(member: str) -> dict[str, Any]:
        return {
            "url": f"/api/v1/files/{f.file_id}/members/{member}/corrections",
            "json": {
                "reason": "typo",
                "family_name": "Verbeterd",
                "request_id": asked.json()["id"],
            },
        }

    # The request is about the youth: a correction of the parent cannot answer it.
    wrong = await client.post(**correction(f.members["parent"]), headers=f.headers["lead"])
    assert wrong.status_code == 422, wrong.text
    assert [e["field"] for e in wrong.json()["errors"]] == ["request_id"]
    view = (await client.get(f"/api/v1/files/{f.file_id}", headers=f.headers["lead"])).json()
    assert "Verbeterd" not in {m["family_name"] for m in view["members"]}

    # A partner may correct the youth's name, but the lead answers the family's request.
    partner = await client.post(**correction(f.members["youth"]), headers=f.headers["partner"])
    assert partner.status_code == 422, partner.text
    assert [e["field"] for e in partner.json()["errors"]] == ["request_id"]
    # A correction that changes nothing does not answer it either (and writes nothing).
    youth = next(m for m in view["members"] if m["id"] == f.members["youth"])
    same = correction(f.members["youth"])
    same["json"]["family_name"] = youth["family_name"]
    unchanged = await client.post(**same, headers=f.headers["lead"])
    assert unchanged.status_code == 422, unchanged.text
    assert unchanged.json()["errors"] == [
        {"field": "request_id", "message": "the correction changes nothing"}
    ]
    assert (await _mine(client, f.headers["youth"]))[asked.json()["id"]]["status"] == "received"
    view = (await client.get(f"/api/v1/files/{f.file_id}", headers=f.headers["lead"])).json()
    assert "Verbeterd" not in {m["family_name"] for m in view["members"]}

    fixed = await client.post(**correction(f.members["youth"]), headers=f.headers["lead"])

    assert fixed.status_code == 201, fixed.text
    request = (await _mine(client, f.headers["youth"]))[asked.json()["id"]]
    assert request["status"] == "answered"


async def test_a_restriction_answers_the_restriction_request_it_carries_out(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    child = f.members["child"]
    asked = await file_request(client, f.headers["parent"], child, kind="restriction")
    assert asked.status_code == 201, asked.text
    url = f"/api/v1/files/{f.file_id}/restrictions"
    reason = "De ouder betwist de juistheid van de gegevens van het kind."

    erase = await file_request(client, f.headers["parent"], child, kind="erasure")
    wrong_kind = await client.post(
        url,
        json={"member_id": child, "reason": reason, "request_id": erase.json()["id"]},
        headers=f.headers["dpo"],
    )
    placed = await client.post(
        url,
        json={"member_id": child, "reason": reason, "request_id": asked.json()["id"]},
        headers=f.headers["dpo"],
    )

    # An erasure request is not answered by a restriction: refused, nothing placed.
    assert wrong_kind.status_code == 422, wrong_kind.text
    assert placed.status_code == 201, placed.text
    request = (await _mine(client, f.headers["parent"]))[asked.json()["id"]]
    assert request["status"] == "answered"
