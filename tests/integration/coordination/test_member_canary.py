"""Canary test for the correction history: the old and new values of a corrected field and the
worker's note never appear in the clear in the database or the logs, and a data-key rotation
re-encrypts them (the family still reads them afterwards)."""

from __future__ import annotations

import io

from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import consent, family, make_network, member_id, open_file
from tests.factories.raw_database import raw_postgres, raw_sqlite
from zorgafstemming.crypto.rotation import rotate_data_keys
from zorgafstemming.identity.principal import Role
from zorgafstemming.logging import configure_logging
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime

OLD = "Kanarie-oud-adres 12, 2980 Zoersel"
NEW = "Kanarie-nieuw-adres 34, 2970 Schilde"
NOTE = "Kanarie-toelichting-bij-de-verhuis-6b1d"


def found(blob: bytes) -> set[str]:
    lowered = blob.lower()
    return {
        text
        for text in (OLD, NEW, NOTE)
        if text.encode() in blob or text.encode().hex().encode() in lowered
    }


async def test_correction_canaries_never_appear_in_the_clear(
    client: AsyncClient, runtime: Runtime
) -> None:
    log = io.StringIO()
    configure_logging("DEBUG", stream=log)
    net = await make_network(runtime, size=1)
    now = runtime.clock()
    members = family(now)
    members[0]["address"] = OLD
    body = {
        "members": members,
        "consents": [consent("parent", ["parent", "child"], [net.orgs[0]], now)],
    }
    view = await open_file(client, net.headers[0], body)
    file_id, parent = view["id"], member_id(view, "parent")
    corrected = await client.post(
        f"/api/v1/files/{file_id}/members/{parent}/corrections",
        json={"reason": "address_changed", "address": NEW, "note": NOTE},
        headers=net.headers[0],
    )
    assert corrected.status_code == 201, corrected.text
    report = await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)
    assert report.ok, report.as_dict()
    assert not [
        c for c in report.unregistered_columns_with_old_keys if c.startswith("member_corrections")
    ]
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], file_id, parent, holder)
    history = await client.get(
        f"/api/v1/me/files/{file_id}/corrections", headers=await auth_headers(runtime, holder)
    )
    [item] = history.json()["items"]
    assert (item["old_value"], item["new_value"], item["note"]) == (OLD, NEW, NOTE)

    url = runtime.settings.effective_database_url
    await runtime.engine.dispose()
    places = (
        raw_sqlite(url.split("///", 1)[1]) if url.startswith("sqlite") else await raw_postgres(url)
    )
    for place in places:
        assert b"address_changed" in place  # the reason code is in clear: the search works
        assert found(place) == set()
    assert found(log.getvalue().encode()) == set()
    assert '"status": 201' in log.getvalue()
