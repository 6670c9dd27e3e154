"""Canary test for coordination: members' personal data, entry texts and scans of signed consent
forms, written and read through the API (and rotated), never appear in the clear in the database
or the logs."""

from __future__ import annotations

import io
import uuid

from httpx import AsyncClient
from sqlalchemy import select

from tests.factories.coordination import (
    consent,
    make_network,
    member_id,
    open_file,
)
from tests.factories.evidence import pdf_scan, upload_scan
from tests.factories.plan import add_action, add_goal
from tests.factories.raw_database import raw_postgres, raw_sqlite
from zorgafstemming.coordination.models import ConsentEvidence
from zorgafstemming.coordination.service.evidence import EVIDENCE_OWNER, decrypt_evidence
from zorgafstemming.crypto.rotation import rotate_data_keys
from zorgafstemming.logging import configure_logging
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime

CANARIES = {
    "given_name": "Kanarie-Voornaam-7c1e",
    "family_name": "Kanarie-Familienaam-2b9d",
    "insz": "12031512320",
    "address": "Kanariestraat 99, 2390 Westmalle",
    "phone": "+32 3 999 88 77",
    "email": "kanarie.gezin@example.be",
    "body": "Kanarie-notitie over de gezinssituatie-4f0a",
    "scan": "Kanarie-handtekening-op-het-formulier-5d3c",
    "staged_scan": "Kanarie-formulier-nog-niet-gebruikt-8e1b",
    "goal": "Kanarie-doel-van-het-gezinsplan-6a2c",
    "action": "Kanarie-actie-van-het-gezinsplan-0d7f",
    "drop_reason": "Kanarie-reden-om-te-stoppen-9b4e",
}
# Texts of the family plan, not member fields.
PLAN_TEXTS = ("goal", "action", "drop_reason")
BIRTH = "2013-03-15"
# Stored in the clear on purpose (a consent's notice version): proves each search would find.
CONTROL = "controle-notice-9a2e"


def found(blob: bytes) -> set[str]:
    lowered = blob.lower()
    return {
        name
        for name, text in CANARIES.items()
        if text.encode() in blob or text.encode().hex().encode() in lowered
    }


async def test_member_and_entry_canaries_never_appear_in_the_clear(
    client: AsyncClient, runtime: Runtime
) -> None:
    log = io.StringIO()
    configure_logging("DEBUG", stream=log)
    net = await make_network(runtime, size=1)
    now = runtime.clock()
    member = {"ref": "youth", "role": "youth", "birth_date": BIRTH}
    member.update(
        {k: v for k, v in CANARIES.items() if k not in ("body", "scan", "staged_scan", *PLAN_TEXTS)}
    )
    # One scan bound by the opening consent, one staged and never used (under its own key).
    scan = await upload_scan(client, net.headers[0], pdf_scan(CANARIES["scan"]))
    staged = await upload_scan(client, net.headers[0], pdf_scan(CANARIES["staged_scan"]))
    body = {
        "members": [member],
        "consents": [
            {
                **consent("youth", ["youth"], [net.orgs[0]], now),
                "notice_version": CONTROL,
                "evidence_id": scan["id"],
            }
        ],
    }
    view = await open_file(client, net.headers[0], body)
    assert view["members"][0]["given_name"] == CANARIES["given_name"]
    entry = await client.post(
        f"/api/v1/files/{view['id']}/entries",
        json={"kind": "note", "about": [member_id(view, "youth")], "body": CANARIES["body"]},
        headers=net.headers[0],
    )
    assert entry.status_code == 201
    listed = await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[0])
    assert listed.json()["items"][0]["body"] == CANARIES["body"]
    # The family plan: a goal, an action towards it, dropped with a reason.
    youth = [member_id(view, "youth")]
    goal = await add_goal(client, net.headers[0], view["id"], youth, title=CANARIES["goal"])
    assert goal.status_code == 201, goal.text
    action = await add_action(
        client, net.headers[0], view["id"], goal.json()["id"], youth, CANARIES["action"]
    )
    assert action.status_code == 201, action.text
    dropped = await client.post(
        f"/api/v1/files/{view['id']}/plan/actions/{action.json()['id']}/status",
        json={"status": "dropped", "reason": CANARIES["drop_reason"]},
        headers=net.headers[0],
    )
    assert dropped.status_code == 200, dropped.text
    plan = await client.get(f"/api/v1/files/{view['id']}/plan", headers=net.headers[0])
    assert plan.json()["goals"][0]["actions"][0]["drop_reason"] == CANARIES["drop_reason"]
    # Rotation re-encrypts the coordination columns (they are registered): still no clear text.
    report = await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)
    # Seven member fields, the entry and both scans; the staged scan under its own new key.
    assert report.ok and report.reencrypted >= 10, report.as_dict()
    async with runtime.sessions() as session:
        staged_id = uuid.UUID(staged["id"])
        blob = await session.scalar(
            select(ConsentEvidence.content_enc).where(ConsentEvidence.id == staged_id)
        )
        key = await runtime.cipher.load_key(session, EVIDENCE_OWNER, staged_id)
        assert key is not None and blob is not None
        assert CANARIES["staged_scan"].encode() in decrypt_evidence(
            runtime.cipher, key, staged_id, blob
        )
    assert not [
        c
        for c in report.unregistered_columns_with_old_keys
        if c.startswith(("members", "entries", "plan_"))
    ]
    again = await client.get(f"/api/v1/files/{view['id']}", headers=net.headers[0])
    assert again.json()["members"][0]["email"] == CANARIES["email"]

    url = runtime.settings.effective_database_url
    await runtime.engine.dispose()
    places = (
        raw_sqlite(url.split("///", 1)[1]) if url.startswith("sqlite") else await raw_postgres(url)
    )
    for place in places:
        assert CONTROL.encode() in place
        assert found(place) == set()
    assert found(log.getvalue().encode()) == set()
    assert '"status": 201' in log.getvalue()  # the requests were logged, and captured here
