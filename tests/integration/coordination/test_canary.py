"""Canary test for coordination: members' personal data and entry texts, written and read through
the API (and rotated), never appear in the clear in the database or the logs."""

from __future__ import annotations

import io

from httpx import AsyncClient

from tests.factories.coordination import (
    consent,
    make_network,
    member_id,
    open_file,
)
from tests.factories.raw_database import raw_postgres, raw_sqlite
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
}
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
    member.update({k: v for k, v in CANARIES.items() if k != "body"})
    body = {
        "members": [member],
        "consents": [
            {**consent("youth", ["youth"], [net.orgs[0]], now), "notice_version": CONTROL}
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
    # Rotation re-encrypts the coordination columns (they are registered): still no clear text.
    report = await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)
    assert report.reencrypted >= 8, report.as_dict()  # seven member fields and the entry
    assert not [
        c for c in report.unregistered_columns_with_old_keys if c.startswith(("members", "entries"))
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
