"""Builders for the erasure tests: a file with a youth carrying a canary in every field, and
every value a file's key still decrypts."""

from __future__ import annotations

import uuid
from typing import Any

from httpx import AsyncClient
from sqlalchemy import text

from tests.factories.accounts import auth_headers, create_account
from tests.factories.coordination import consent, make_network, member_id, open_file
from tests.factories.evidence import pdf_scan, upload_scan
from tests.factories.rights import erasure_request
from zorgafstemming.coordination.service.evidence import decrypt_evidence
from zorgafstemming.crypto.registry import encrypted_columns
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

CANARIES = {
    "given_name": "Kanarie-Wis-Voornaam-3f7a",
    "family_name": "Kanarie-Wis-Familienaam-91c2",
    "insz": "12031512320",
    "address": "Kanarie-Wisstraat 7, 2390 Malle",
    "phone": "+32 3 777 66 55",
    "email": "kanarie.wis@example.be",
    "entry": "Kanarie-Wis-notitie-over-de-jongere-0d4e",
    "note": "Kanarie-Wis-toelichting-bij-verbetering-5a1b",
    "scan": "Kanarie-Wis-handtekening-jongere-77e0",
}
PARENT_NOTE = "Gewone notitie over de ouder"


def found(blob: bytes) -> set[str]:
    lowered = blob.lower()
    return {
        name
        for name, value in CANARIES.items()
        if value.encode() in blob or value.encode().hex().encode() in lowered
    }


async def decrypted_values(runtime: Runtime, file_id: uuid.UUID) -> list[str]:
    """Every encrypted value the file's key still opens, in clear (scans as text)."""
    values: list[str] = []
    async with runtime.sessions() as session:
        key = await runtime.cipher.load_key(session, "file", file_id)
        assert key is not None
        for column in encrypted_columns():
            if column.owner_kind != "file" or column.owner_id_column is None:
                continue
            rows = await session.execute(
                text(
                    f'SELECT "{column.id_column}", "{column.column}" FROM "{column.table}" '
                    f'WHERE "{column.owner_id_column}" = :owner'
                ),
                {"owner": file_id if runtime.engine.dialect.name == "postgresql" else file_id.hex},
            )
            for row_id, blob in rows:
                if blob is None:
                    continue
                rid = row_id if isinstance(row_id, uuid.UUID) else uuid.UUID(str(row_id))
                if column.table == "consent_evidence":
                    values.append(
                        decrypt_evidence(runtime.cipher, key, rid, bytes(blob)).decode("latin-1")
                    )
                else:
                    values.append(
                        runtime.cipher.decrypt(
                            key,
                            table=column.table,
                            column=column.encrypted_as,
                            row_id=rid,
                            blob=bytes(blob),
                        )
                    )
    return values


async def file_with_canary_youth(
    client: AsyncClient, runtime: Runtime
) -> tuple[Any, dict[str, Any], str, str]:
    net = await make_network(runtime, size=2)
    now = runtime.clock()
    parent = {
        "ref": "parent",
        "role": "parent",
        "given_name": "Els",
        "family_name": "Peeters",
        "birth_date": "1985-04-02",
    }
    youth = {"ref": "youth", "role": "youth", "birth_date": "2012-03-15"}
    youth.update({k: CANARIES[k] for k in ("given_name", "family_name", "insz", "address")})
    youth.update({k: CANARIES[k] for k in ("phone", "email")})
    scan = await upload_scan(client, net.headers[0], pdf_scan(CANARIES["scan"]))
    body = {
        "members": [parent, youth],
        "consents": [
            consent("parent", ["parent"], net.orgs, now),
            {**consent("youth", ["youth"], net.orgs, now), "evidence_id": scan["id"]},
        ],
    }
    view = await open_file(client, net.headers[0], body)
    file_id, youth_id, parent_id = view["id"], member_id(view, "youth"), member_id(view, "parent")
    for about, text_ in (([youth_id], CANARIES["entry"]), ([youth_id, parent_id], PARENT_NOTE)):
        made = await client.post(
            f"/api/v1/files/{file_id}/entries",
            json={"kind": "note", "about": about, "body": text_},
            headers=net.headers[0],
        )
        assert made.status_code == 201, made.text
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{youth_id}/corrections",
        json={"reason": "typo", "phone": "+32 3 777 66 54", "note": CANARIES["note"]},
        headers=net.headers[0],
    )
    assert corrected.status_code == 201, corrected.text
    return net, view, youth_id, parent_id


async def grant_member_erasure(
    client: AsyncClient, runtime: Runtime, file_id: str, member: str
) -> dict[str, Any]:
    """The family asks to erase ``member`` and a new DPO grants it; the decision as answered."""
    asked = await erasure_request(runtime, file_id, member)
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    erased = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={
            "decision": "granted",
            "reason": "consent_withdrawn",
            "member_id": member,
            "request_id": asked,
        },
        headers=dpo,
    )
    assert erased.status_code == 201, erased.text
    body: dict[str, Any] = erased.json()
    assert body["proof_ok"] is True and body["erased_counts"]["members"] == 1
    return body
