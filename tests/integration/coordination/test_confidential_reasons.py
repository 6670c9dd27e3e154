"""A confidential entry carries a recorded reason a worker may give (the family is told it
instead of the text): without one, or with one that is not theirs to give, it is refused."""

from __future__ import annotations

import re
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import web_session
from tests.factories.coordination import file_body, make_network, member_id, open_file
from zorgafstemming import migrate
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime

TEXT = "Melding-Z7Q: signaal van de school."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


async def _note(
    client: AsyncClient, headers: dict[str, str], fid: str, about: str, **extra: Any
) -> Any:
    return await client.post(
        f"/api/v1/files/{fid}/entries",
        json={"kind": "note", "about": [about], "body": TEXT, **extra},
        headers=headers,
    )


async def test_marking_an_entry_confidential_needs_a_reason_a_worker_may_give(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs[:1]))
    fid, about = view["id"], member_id(view, "parent")
    for extra, problem in (
        ({"confidential": True}, "a confidential entry needs a reason"),
        ({"confidential": True, "confidential_reason": "not_recorded"}, "unknown reason"),
        ({"confidential": True, "confidential_reason": "gossip"}, "unknown reason"),
        ({"confidential_reason": "risk_to_child"}, "only a confidential entry has a reason"),
    ):
        refused = await _note(client, net.headers[0], fid, about, **extra)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"] == [{"field": "confidential_reason", "message": problem}]
    given = await _note(
        client,
        net.headers[0],
        fid,
        about,
        confidential=True,
        confidential_reason="third_party_data",
    )
    assert given.status_code == 201, given.text
    assert given.json()["confidential_reason"] == "third_party_data"
    listed = await client.get(f"/api/v1/files/{fid}/entries", headers=net.headers[0])
    assert [e["confidential_reason"] for e in listed.json()["items"]] == ["third_party_data"]


async def test_the_worker_form_refuses_confidential_without_a_reason(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs[:1]))
    client.cookies.set(
        sessions.SESSION_COOKIE, await web_session(runtime, net.workers[0].principal())
    )
    form = await client.get(f"/dossiers/{view['id']}")
    token = re.search(r'name="_csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    posted = await client.post(
        f"/dossiers/{view['id']}/notities",
        data={
            "_csrf_token": token.group(1),
            "kind": "note",
            "about": member_id(view, "parent"),
            "body": TEXT,
            "confidential": "ja",
        },
        follow_redirects=False,
    )
    assert posted.status_code == 422
    assert "Kies waarom deze notitie niet zichtbaar is voor het gezin." in posted.text
    client.cookies.clear()
    listed = await client.get(f"/api/v1/files/{view['id']}/entries", headers=net.headers[0])
    assert listed.json()["items"] == []


def test_entries_marked_confidential_before_0023_say_no_reason_was_recorded(
    tmp_path: Path,
) -> None:
    """The migration's default, on SQLite (the statement is plain SQL on both backends)."""
    path = tmp_path / "before.db"
    url = f"sqlite+aiosqlite:///{path}"
    migrate.upgrade(url, "0022")
    with closing(sqlite3.connect(path)) as db:  # no foreign keys: only the entries matter here
        for confidential in (1, 0):
            db.execute(
                "INSERT INTO entries (id, file_id, kind, category, confidential, body_enc, "
                "author_organisation_id, created_at) VALUES (?, ?, 'note', 'case_notes', ?, "
                "x'00', ?, '2026-01-01 00:00:00.000000')",
                (uuid.uuid4().hex, uuid.uuid4().hex, confidential, uuid.uuid4().hex),
            )
        db.commit()
    migrate.upgrade(url, "0023")
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT confidential, confidential_reason FROM entries ORDER BY 1")
        assert list(rows) == [(0, None), (1, "not_recorded")]
