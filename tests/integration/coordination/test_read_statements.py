"""Round trips of the secured read: ``GET /api/v1/files/{id}`` stays within its statement
budget (token, consent facts, members, audit event) in one transaction, on SQLite and
PostgreSQL — so a later change cannot quietly add a round trip to every request."""

from __future__ import annotations

from httpx import AsyncClient

from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.statements import counting
from zorgafstemming.runtime import Runtime

# Token lookup, the consent facts (participants, data key and consent events folded in), the
# members, the audit event.
READ_STATEMENTS = 4
# The journal: token lookup, the consent facts, the entries, the annotations written beside them
# (a rectification is shown wherever its entry is), the audit event.
JOURNAL_STATEMENTS = 5


async def test_reading_a_file_takes_four_statements_and_one_commit(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    url = f"/api/v1/files/{view['id']}"
    first = await client.get(url, headers=net.headers[0])  # warm: statements built, keys cached
    assert first.status_code == 200

    with counting(runtime) as seen:
        again = await client.get(url, headers=net.headers[0])

    assert again.status_code == 200
    assert again.json()["members"] == first.json()["members"]
    assert len(seen.statements) <= READ_STATEMENTS, "\n---\n".join(seen.statements)
    assert seen.commits == 1
    assert seen.rollbacks == 0


async def test_listing_the_journal_takes_five_statements_and_one_commit(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    url = f"/api/v1/files/{view['id']}/entries"
    about = [member_id(view, "parent"), member_id(view, "child")]
    for body in ("Huisbezoek gepland.", "Overleg met de school."):
        added = await client.post(
            url, json={"kind": "note", "about": about, "body": body}, headers=net.headers[0]
        )
        assert added.status_code == 201, added.text
    await client.get(url, headers=net.headers[0])  # warm

    with counting(runtime) as seen:
        listed = await client.get(url, headers=net.headers[0])

    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [i["body"] for i in items] == ["Huisbezoek gepland.", "Overleg met de school."]
    assert all(sorted(i["about"]) == sorted(about) for i in items)
    # Token, consent facts, the entries with the members each is about, the audit event.
    assert len(seen.statements) <= JOURNAL_STATEMENTS, "\n---\n".join(seen.statements)
    assert seen.commits == 1
    assert seen.rollbacks == 0
