"""Canary test of a member's erasure (GDPR art. 17): a youth with a canary in every field, an
entry about them alone, a correction and the scan of their consent; after the DPO's granted
erasure no canary is left in the database (raw cells, dump, files) nor in any value the file's
key still decrypts, while the other member's data still decrypts."""

from __future__ import annotations

import uuid

from httpx import AsyncClient
from sqlalchemy import func, select

from tests.factories import auth_headers, create_account
from tests.factories.assignments import assign
from tests.factories.coordination import add_partner
from tests.factories.erasure import PARENT_NOTE, decrypted_values, file_with_canary_youth, found
from tests.factories.raw_database import raw_postgres, raw_sqlite
from tests.factories.rights import file_request
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention.models import ConsentProof, ErasureDecision
from zorgafstemming.runtime import Runtime


async def test_erasing_a_member_leaves_no_canary_and_the_others_readable(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view, youth_id, parent_id = await file_with_canary_youth(client, runtime)
    file_id = uuid.UUID(view["id"])
    # The second partner reads the file (and so the youth's data): it is told of the erasure.
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    assert (await client.get(f"/api/v1/files/{file_id}", headers=net.headers[1])).is_success
    assert found(" ".join(await decrypted_values(runtime, file_id)).encode())
    dpo = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    # The erasure request it answers, filed by the lead on the youth's behalf.
    asked = await file_request(
        client, net.headers[0], youth_id, kind="erasure", file_id=str(file_id)
    )
    assert asked.status_code == 201, asked.text
    request_id = uuid.UUID(asked.json()["id"])

    erased = await client.post(
        f"/api/v1/files/{file_id}/erasures",
        json={
            "decision": "granted",
            "reason": "consent_withdrawn",
            "member_id": youth_id,
            "request_id": str(request_id),
        },
        headers=dpo,
    )

    assert erased.status_code == 201, erased.text
    body = erased.json()
    assert body["decision"] == "granted" and body["proof_ok"] is True
    assert body["erased_counts"]["members"] == 1
    assert body["erased_counts"]["member_corrections"] >= 1
    assert body["erased_counts"]["entries"] == 1  # the entry about the youth alone
    assert body["notified_organisations"] == 1  # the lead only wrote; the partner read
    # What stays decrypts, and none of it is the youth's.
    left = await decrypted_values(runtime, file_id)
    assert "Els" in left and PARENT_NOTE in left
    assert found(" ".join(left).encode()) == set()
    worker = await client.get(f"/api/v1/files/{file_id}", headers=net.headers[0])
    assert worker.status_code == 200
    assert [m["id"] for m in worker.json()["members"]] == [parent_id]
    listed = await client.get(f"/api/v1/files/{file_id}/entries", headers=net.headers[0])
    assert [e["body"] for e in listed.json()["items"]] == [PARENT_NOTE]
    async with runtime.sessions() as session:
        youth = uuid.UUID(youth_id)
        assert await session.scalar(select(func.count()).where(BlindIndex.subject_id == youth)) == 0
        assert await session.scalar(
            select(func.count()).where(BlindIndex.subject_id == uuid.UUID(parent_id))
        )
        decision = (await session.scalars(select(ErasureDecision))).one()
        key = runtime.secrets.audit_key
        assert decision.member_ref == audit_ref(key, "member", youth)
        assert decision.request_id == request_id and decision.reason == "consent_withdrawn"
        # The youth's consent is gone, its pseudonymous proof kept (art. 7(1)).
        assert (
            await session.scalar(
                select(func.count()).where(ConsentProof.file_ref == audit_ref(key, "file", file_id))
            )
            == 1
        )
    url = runtime.settings.effective_database_url
    await runtime.engine.dispose()
    places = (
        raw_sqlite(url.split("///", 1)[1]) if url.startswith("sqlite") else await raw_postgres(url)
    )
    for place in places:
        assert found(place) == set()
