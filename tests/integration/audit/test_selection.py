"""Exports for an inquiry: only the events of one file, account or period, each proved against
the signed checkpoint, verified offline by ``audit verify``, which names a changed event."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from zorgafstemming.audit.bundle import verify_bundle
from zorgafstemming.audit.bundle_format import VerificationFailed
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.sealer import new_holder_id, seal_pending
from zorgafstemming.audit.selection import Selection, export_selection
from zorgafstemming.audit.service import AuditContext, audit_ref, purge_events_before, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.cli import main
from zorgafstemming.config import Settings
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


async def _seed(runtime: Runtime, file_id: uuid.UUID, actor_id: uuid.UUID, count: int) -> None:
    """``count`` reads of ``file_id`` by ``actor_id``, interleaved with reads of other files by
    other people, one second apart."""
    clock, start = runtime.clock, runtime.clock()
    try:
        async with runtime.unit_of_work() as uow:
            for n in range(count * 2):
                runtime.clock = lambda n=n: start + timedelta(seconds=n)  # type: ignore[misc]
                ours = n % 2 == 0
                await record(
                    uow,
                    AuditContext(
                        actor_id=actor_id if ours else uuid.uuid4(),
                        actor_role="social_worker",
                        request_id=uuid.uuid4().hex,
                        policy_id="coordination.participant-with-consent",
                    ),
                    Action.COORDINATION_ENTRY_LIST,
                    "allowed",
                    object_type="entry",
                    object_id=uuid.uuid4(),
                    file_id=file_id if ours else uuid.uuid4(),
                    categories=["family_situation"],
                )
    finally:
        runtime.clock = clock


async def _dpo(client: AsyncClient, runtime: Runtime) -> tuple[dict[str, str], str]:
    headers = await auth_headers(runtime, await create_account(runtime, Role.DPO))
    vkey = (await client.get("/api/v1/audit/checkpoints/public-key")).json()["vkey"]
    return headers, vkey


def _dump(bundle: dict[str, Any]) -> bytes:
    # Compact, key order kept: untouched events keep their exact canonical bytes.
    return json.dumps(bundle, separators=(",", ":")).encode()


def _refused(bundle: dict[str, Any], vkey: str, change: Callable[[dict[str, Any]], object]) -> str:
    copy = json.loads(_dump(bundle))
    change(copy)
    with pytest.raises(VerificationFailed) as caught:
        verify_bundle(_dump(copy), public_key=vkey)
    return str(caught.value)


async def test_a_file_selection_verifies_offline_and_every_tampering_is_refused(
    client: AsyncClient, runtime: Runtime
) -> None:
    headers, vkey = await _dpo(client, runtime)
    file_id, actor_id = uuid.uuid4(), uuid.uuid4()
    await _seed(runtime, file_id, actor_id, 6)
    await seal_pending(runtime, new_holder_id("test"))
    await _seed(runtime, file_id, actor_id, 2)  # not sealed yet: not in the selection
    reference = file_reference(runtime.secrets.audit_key, file_id)
    file_ref = audit_ref(runtime.secrets.audit_key, "file", file_id)

    # By the short reference a person reads out (written loosely) and by the whole ref.
    for value in (reference.lower()[:4] + "-" + reference[4:], file_ref):
        response = await client.get("/api/v1/audit/export", params={"file": value}, headers=headers)
        assert response.status_code == 200, response.text
        assert "audit-selection-6.json" in response.headers["content-disposition"]
        report = verify_bundle(response.content, public_key=vkey)
        assert (report.scope, report.events, report.checkpoints) == ("selection", 6, 1)
    bundle = response.json()
    assert [e["event"]["file_ref"] for e in bundle["events"]] == [file_ref] * 6
    seqs = [e["seq"] for e in bundle["events"]]
    assert seqs == list(range(seqs[0], seqs[0] + 12, 2))  # every other event of the log
    assert len(_dump(bundle)) < 20_000  # the other events are not in it, only proofs

    # One event changed: verification names it, by seq and id.
    def change_event(b: dict[str, Any]) -> None:
        b["events"][2]["event"]["outcome"] = "denied"

    event_id = bundle["events"][2]["event"]["id"]
    message = _refused(bundle, vkey, change_event)
    assert f"event seq {seqs[2]} (id {event_id}): changed" in message, message

    # One event removed (the others still prove themselves, the signed note counts them).
    message = _refused(bundle, vkey, lambda b: b["events"].pop(3))
    assert "6 events matched, but the bundle holds 5" in message, message

    # One hash of a proof changed: the event it belongs to is named.
    def change_proof(b: dict[str, Any]) -> None:
        proof = b["events"][1]["proof"]
        proof[0] = base64.b64encode(bytes(32)).decode()

    message = _refused(bundle, vkey, change_proof)
    assert f"event seq {seqs[1]} " in message and "inclusion proof does not verify" in message, (
        message
    )

    # Two events swapped, an event repeated, the note re-signed by someone else.
    def swap(b: dict[str, Any]) -> None:
        b["events"][0], b["events"][1] = b["events"][1], b["events"][0]

    assert "out of order" in _refused(bundle, vkey, swap)
    assert "out of order or repeated" in _refused(
        bundle, vkey, lambda b: b["events"].insert(1, b["events"][0])
    )

    def forge_note(b: dict[str, Any]) -> None:
        b["selection"] = b["selection"].replace("events 6", "events 5")

    assert "selection note" in _refused(bundle, vkey, forge_note)

    # An event of another file slipped in with its own valid proof.
    everything = await client.get(
        "/api/v1/audit/export", params={"since": "2000-01-01T00:00:00Z"}, headers=headers
    )
    other = next(e for e in everything.json()["events"] if e["seq"] == seqs[0] + 1)
    assert other["event"]["file_ref"] != file_ref
    message = _refused(bundle, vkey, lambda b: b["events"].insert(1, other))
    assert "does not match the selection" in message, message

    # The checkpoint held apart agrees; an older one cannot be compared with a selection.
    latest = (await client.get("/api/v1/audit/checkpoints/latest", headers=headers)).json()
    report = verify_bundle(_dump(bundle), public_key=vkey, trusted_checkpoint=latest["note"])
    assert report.trusted_size == latest["tree_size"] == report.tree_size


async def test_account_and_period_filters_and_a_filter_matching_nothing(
    client: AsyncClient, runtime: Runtime
) -> None:
    headers, vkey = await _dpo(client, runtime)
    file_id, actor_id = uuid.uuid4(), uuid.uuid4()
    start = runtime.clock()
    await _seed(runtime, file_id, actor_id, 5)
    await seal_pending(runtime, new_holder_id("test"))
    account = audit_ref(runtime.secrets.audit_key, "account", actor_id)

    by_account = await client.get(
        "/api/v1/audit/export", params={"account": account}, headers=headers
    )
    report = verify_bundle(by_account.content, public_key=vkey)
    assert report.events == 5
    assert all(e["event"]["actor_ref"] == account for e in by_account.json()["events"])

    # Seconds 3 to 6 of the ten events: four events, whoever made them.
    since = (start + timedelta(seconds=3)).isoformat()
    until = (start + timedelta(seconds=7)).isoformat()
    period = await client.get(
        "/api/v1/audit/export", params={"since": since, "until": until}, headers=headers
    )
    assert period.status_code == 200, period.text
    assert verify_bundle(period.content, public_key=vkey).events == 4
    times = [e["event"]["occurred_at"] for e in period.json()["events"]]
    assert len(times) == 4 and times == sorted(times)

    # A filter that matches nothing: an empty bundle that still verifies.
    nothing = await client.get(
        "/api/v1/audit/export", params={"file": "ZZZZ-ZZZZ"}, headers=headers
    )
    assert nothing.status_code == 200
    report = verify_bundle(nothing.content, public_key=vkey)
    latest = (await client.get("/api/v1/audit/checkpoints/latest", headers=headers)).json()
    assert (report.events, report.scope) == (0, "selection")
    assert report.tree_size == latest["tree_size"] > 10

    # Bad filters: a clear problem, no bundle.
    for params in (
        {"file": "Jan Peeters"},
        {"account": "abc"},
        {"since": "2026-01-01T00:00:00"},
        {"until": "yesterday"},
    ):
        response = await client.get("/api/v1/audit/export", params=params, headers=headers)
        assert response.status_code in (400, 422), (params, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "Jan Peeters" not in response.text


async def test_purged_events_in_a_period_are_leaf_hashes_that_still_prove(
    runtime: Runtime,
) -> None:
    from zorgafstemming.audit.note import Signer

    file_id, actor_id = uuid.uuid4(), uuid.uuid4()
    start = runtime.clock()
    await _seed(runtime, file_id, actor_id, 3)
    await seal_pending(runtime, new_holder_id("test"))
    async with runtime.unit_of_work() as uow:
        assert await purge_events_before(uow, start + timedelta(seconds=2)) == 2
    vkey = Signer(runtime.secrets.signing_seed).verifier.vkey()
    async with runtime.sessions() as session, session.begin():
        bundle = await export_selection(
            session,
            runtime.secrets.signing_seed,
            runtime.clock(),
            Selection(since=start, until=start + timedelta(seconds=4)),
        )
        by_file = await export_selection(
            session,
            runtime.secrets.signing_seed,
            runtime.clock(),
            Selection(file=audit_ref(runtime.secrets.audit_key, "file", file_id)),
        )
    from zorgafstemming.audit.bundle import encode_bundle

    report = verify_bundle(encode_bundle(bundle), public_key=vkey)
    assert (report.events, report.purged) == (4, 2)
    assert [bool(e.event) for e in bundle.events] == [False, False, True, True]
    # A purged event has no file any more: the file's selection holds only its later reads.
    assert verify_bundle(encode_bundle(by_file), public_key=vkey).events == 2

    # A purged leaf passed off as another: refused, named by its seq.
    copy = json.loads(encode_bundle(bundle))
    copy["events"][1]["leaf"] = copy["events"][0]["leaf"]
    with pytest.raises(VerificationFailed, match="event seq 1 \\(purged\\)"):
        verify_bundle(_dump(copy), public_key=vkey)


@pytest.fixture
def cli_env(app_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ZORG_DATABASE_URL", app_settings.effective_database_url)
    monkeypatch.setenv("ZORG_DATA_DIR", str(app_settings.data_dir))
    monkeypatch.setenv("ZORG_KEY_DIR", str(app_settings.keys_path))
    monkeypatch.setenv("ZORG_ENV", "development")
    return app_settings


def test_cli_exports_a_file_and_verify_names_the_changed_event(
    cli_env: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    async def seed() -> str:
        runtime = Runtime.build(cli_env)
        try:
            file_id = uuid.uuid4()
            await _seed(runtime, file_id, uuid.uuid4(), 4)
            return file_reference(runtime.secrets.audit_key, file_id)
        finally:
            await runtime.close()

    reference = asyncio.run(seed())
    assert main(["audit", "seal"]) == 0
    assert main(["audit", "public-key"]) == 0
    key = capsys.readouterr().out.strip().splitlines()[-1]
    path = tmp_path / "inquiry.json"
    assert main(["audit", "export", str(path), "--file", reference]) == 0
    assert "4 matching events" in capsys.readouterr().out
    assert main(["audit", "verify", str(path), "--public-key", key]) == 0
    out = capsys.readouterr().out
    assert "audit selection verifies: 4 matching events" in out, out

    bundle = json.loads(path.read_bytes())
    bundle["events"][3]["event"]["action"] = "coordination:file:read"
    event_id = bundle["events"][3]["event"]["id"]
    seq = bundle["events"][3]["seq"]
    path.write_bytes(_dump(bundle))
    assert main(["audit", "verify", str(path), "--public-key", key]) == 2
    err = capsys.readouterr().err
    assert f"event seq {seq} (id {event_id}): changed" in err, err

    with pytest.raises(SystemExit) as refused:
        main(["audit", "export", str(path), "--file", "not a reference"])
    assert refused.value.code == 2
    assert "neither a short reference" in capsys.readouterr().err


async def test_the_dpo_downloads_a_file_selection_from_the_web_pages(
    client: AsyncClient, runtime: Runtime
) -> None:
    from tests.factories import web_session
    from zorgafstemming.audit.note import Signer
    from zorgafstemming.identity import sessions

    dpo = await create_account(runtime, Role.DPO)
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, dpo.principal()))
    file_id = uuid.uuid4()
    await _seed(runtime, file_id, uuid.uuid4(), 3)
    await seal_pending(runtime, new_holder_id("test"))
    reference = file_reference(runtime.secrets.audit_key, file_id)
    today = runtime.clock().date().isoformat()

    response = await client.get(
        "/fg/audit/export", params={"dossier": reference, "van": today, "tot": today}
    )
    assert response.status_code == 200, response.text
    assert 'filename="audit-selectie-3.json"' in response.headers["content-disposition"]
    vkey = Signer(runtime.secrets.signing_seed).verifier.vkey()
    report = verify_bundle(response.content, public_key=vkey)
    assert (report.scope, report.events) == ("selection", 3)

    whole = await client.get("/fg/audit/export")
    assert whole.status_code == 200 and verify_bundle(whole.content, public_key=vkey).events > 6

    refused = await client.get(
        "/fg/audit/export", params={"dossier": "Jan Peeters", "van": "2026-02-30"}
    )
    assert refused.status_code == 422
    assert "korte referentie van het dossier" in refused.text
    assert "tussen 1900 en 2200" in refused.text
    assert "Jan Peeters" not in refused.text
