"""Export, seal and offline verification: ``audit verify`` catches every kind of tampering."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select

from zorgafstemming.audit.merkle import leaf_hash
from zorgafstemming.audit.models import AuditCheckpoint
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.cli import main
from zorgafstemming.config import Settings
from zorgafstemming.runtime import Runtime


async def _append_events(settings: Settings, count: int) -> list[str]:
    runtime = Runtime.build(settings)
    try:
        async with runtime.unit_of_work() as uow:
            for n in range(count):
                await record(
                    uow,
                    AuditContext(
                        actor_id=uuid.uuid4(),
                        actor_org_id=uuid.uuid4(),
                        actor_role="social_worker",
                        request_id=uuid.uuid4().hex,
                        client_ip="192.0.2.10",
                        policy_id="coordination.participant-with-consent",
                    ),
                    Action.COORDINATION_ENTRY_LIST if n % 3 else Action.COORDINATION_ENTRY_CREATE,
                    "allowed",
                    object_type="entry",
                    object_id=uuid.uuid4(),
                    file_id=uuid.uuid4(),
                    categories=["family_situation"],
                )
        async with runtime.sessions() as session:
            notes = (
                await session.scalars(
                    AuditCheckpoint.__table__.select()
                    .with_only_columns(AuditCheckpoint.note)
                    .order_by(AuditCheckpoint.tree_size)
                )
            ).all()
        return list(notes)
    finally:
        await runtime.close()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_env(app_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("ZORG_DATABASE_URL", app_settings.effective_database_url)
    monkeypatch.setenv("ZORG_DATA_DIR", str(app_settings.data_dir))
    monkeypatch.setenv("ZORG_KEY_DIR", str(app_settings.keys_path))
    monkeypatch.setenv("ZORG_ENV", "development")
    return app_settings


def _sealed_bundle(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[dict[str, Any], str, str]:
    """Three seals (30, 20 and 25 events), exported; returns bundle, key and the 2nd note."""
    notes: list[str] = []
    for count in (30, 20, 25):
        asyncio.run(_append_events(settings, count))
        code, out, err = cli(capsys, "audit", "seal", "--json")
        assert code == 0, err
        assert json.loads(out)["sealed"] == count
        notes = asyncio.run(_append_events(settings, 0))
    assert len(notes) == 3
    path = tmp_path / "bundle.json"
    code, _, err = cli(capsys, "audit", "export", str(path))
    assert code == 0, err
    code, key, _ = cli(capsys, "audit", "public-key")
    assert code == 0
    return json.loads(path.read_bytes()), key.strip(), notes[1]


def _dump(bundle: dict[str, Any]) -> str:
    # Compact, key order kept: untouched events keep their exact canonical bytes.
    return json.dumps(bundle, separators=(",", ":"))


def _verify(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    bundle: dict[str, Any],
    key: str,
    *extra: str,
) -> tuple[int, str]:
    path = tmp_path / f"check-{uuid.uuid4().hex}.json"
    path.write_text(_dump(bundle))
    code, out, err = cli(capsys, "audit", "verify", str(path), "--public-key", key, *extra)
    return code, out + err


def _event(bundle: dict[str, Any], index: int) -> dict[str, Any]:
    event: dict[str, Any] = bundle["log"][index]
    return event


def _as_version_1(bundle: dict[str, Any]) -> dict[str, Any]:
    """The same log in the layout of format 1 (each event wrapped, no stored leaf hashes)."""
    bundle = json.loads(_dump(bundle))  # a copy: the caller may change it
    leaves = base64.b64decode(bundle["leaves"])
    bodies = iter(bundle["log"])
    purged = set(bundle.get("purged", []))
    events = [
        {"leaf": base64.b64encode(leaves[seq * 32 : (seq + 1) * 32]).decode()}
        if seq in purged
        else {"event": next(bodies)}
        for seq in range(len(leaves) // 32)
    ]
    keep = ("origin", "public_key", "exported_at", "checkpoints", "consistency")
    return {
        "format": "zorgafstemming-audit-bundle/1",
        **{k: bundle[k] for k in keep},
        "events": events,
    }


def test_exported_bundle_verifies_and_every_tampering_is_caught(
    cli_env: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, key, second_note = _sealed_bundle(cli_env, tmp_path, capsys)
    assert bundle["format"] == "zorgafstemming-audit-bundle/2" and bundle["scope"] == "log"
    assert [e["seq"] for e in bundle["log"]] == list(range(75))
    code, output = _verify(capsys, tmp_path, bundle, key)
    assert code == 0, output
    assert "75 events" in output and "3 checkpoints" in output

    def tampered(change: Callable[[dict[str, Any]], object]) -> tuple[int, str]:
        copy = json.loads(_dump(bundle))
        change(copy)
        return _verify(capsys, tmp_path, copy, key)

    # 1. One byte of one event changed (a hex digit of the actor ref): the signed root of the
    # checkpoint covering it no longer matches, and the message says where to look.
    def change_byte(b: dict[str, Any]) -> None:
        ref = _event(b, 41)["actor_ref"]
        _event(b, 41)["actor_ref"] = ("0" if ref[0] != "0" else "1") + ref[1:]

    code, output = tampered(change_byte)
    event_id = _event(bundle, 41)["id"]
    assert code == 2 and f"event seq 41 (id {event_id}): changed" in output, output
    assert "checkpoint #2 (size 50)" in output

    # ... and when the stored leaf hash is changed to match, the signed root still refuses it
    # and the message gives the checkpoint range.
    def change_byte_and_leaf(b: dict[str, Any]) -> None:
        change_byte(b)
        leaves = bytearray(base64.b64decode(b["leaves"]))
        leaves[41 * 32 : 42 * 32] = leaf_hash(_dump(_event(b, 41)).encode())
        b["leaves"] = base64.b64encode(bytes(leaves)).decode()

    code, output = tampered(change_byte_and_leaf)
    assert code == 2 and "checkpoint #2 (size 50)" in output, output
    assert "seq 30 to 49" in output

    # Only the list of leaf hashes altered: the events still verify, the bundle does not.
    def change_leaf(b: dict[str, Any]) -> None:
        leaves = bytearray(base64.b64decode(b["leaves"]))
        leaves[7 * 32] ^= 1
        b["leaves"] = base64.b64encode(bytes(leaves)).decode()

    code, output = tampered(change_leaf)
    assert code == 2 and "leaf hash of seq 7" in output, output

    # Format 1 bundles still verify; without stored leaf hashes a change is located to the
    # checkpoint range only.
    old = _as_version_1(bundle)
    code, output = _verify(capsys, tmp_path, old, key)
    assert code == 0 and "75 events" in output, output
    old["events"][41]["event"]["outcome"] = "denied"
    code, output = _verify(capsys, tmp_path, old, key)
    assert code == 2 and "seq 30 to 49" in output, output

    # ... or an event passed off as purged, with a forged leaf hash in its place.
    def fake_purge(b: dict[str, Any]) -> None:
        forged = leaf_hash(b"nothing happened here")
        del b["log"][60]
        b["purged"] = [60]
        leaves = bytearray(base64.b64decode(b["leaves"]))
        leaves[60 * 32 : 61 * 32] = forged
        b["leaves"] = base64.b64encode(bytes(leaves)).decode()

    code, output = tampered(fake_purge)
    assert code == 2 and "checkpoint #3 (size 75)" in output, output

    # 2. One event deleted.
    code, output = tampered(lambda b: b["log"].pop(12))
    assert code == 2 and "position 12 has seq 13" in output, output

    # 3. Two events reordered.
    def reorder(b: dict[str, Any]) -> None:
        events = b["log"]
        events[5], events[6] = events[6], events[5]

    code, output = tampered(reorder)
    assert code == 2 and "position 5 has seq 6" in output, output

    # 4. One event inserted (well-formed, stating the seq of the place it was put) ...
    def insert(b: dict[str, Any]) -> None:
        forged = {**_event(b, 20), "outcome": "denied"}
        b["log"].insert(20, forged)

    code, output = tampered(insert)
    assert code == 2 and "position 21 has seq 20" in output, output

    # ... or in place of the last event, so the count stays right.
    def insert_and_drop_last(b: dict[str, Any]) -> None:
        insert(b)
        del b["log"][-1]

    code, output = tampered(insert_and_drop_last)
    assert code == 2 and "position 21 has seq 20" in output, output

    # 5. A checkpoint replaced by one signed with another key ...
    def replace_checkpoint(b: dict[str, Any]) -> None:
        b["checkpoints"][0]["note"] = Signer(bytes(32)).checkpoint(30, b"\x00" * 32)

    code, output = tampered(replace_checkpoint)
    assert code == 2 and "checkpoint #1" in output, output

    # ... or by a real checkpoint of this log taken from elsewhere in the list.
    def reuse_checkpoint(b: dict[str, Any]) -> None:
        b["checkpoints"][0] = b["checkpoints"][1]

    code, output = tampered(reuse_checkpoint)
    assert code == 2 and "checkpoint #2" in output, output

    # 6. The tail cut off (last checkpoint and its events): consistent on its own, caught
    # with the checkpoint the DPO kept from before the cut.
    def cut_tail(b: dict[str, Any]) -> None:
        del b["log"][50:]
        del b["checkpoints"][2:]
        del b["consistency"][1:]
        b["leaves"] = base64.b64encode(base64.b64decode(b["leaves"])[: 50 * 32]).decode()

    held = tmp_path / "held-checkpoint.txt"
    held.write_text(bundle_last_note(bundle))
    copy = json.loads(_dump(bundle))
    cut_tail(copy)
    code, output = _verify(capsys, tmp_path, copy, key)
    assert code == 0, output
    code, output = _verify(capsys, tmp_path, copy, key, "--trusted-checkpoint", str(held))
    assert code == 2 and "cut off" in output, output
    # An older held checkpoint is fine: the log only grew since.
    older = tmp_path / "older-checkpoint.txt"
    older.write_text(second_note)
    code, output = _verify(capsys, tmp_path, copy, key, "--trusted-checkpoint", str(older))
    assert code == 0, output


def bundle_last_note(bundle: dict[str, Any]) -> str:
    note: str = bundle["checkpoints"][-1]["note"]
    return note


def test_verify_with_the_wrong_key_or_garbage_fails_clearly(
    cli_env: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, _key, _ = _sealed_bundle(cli_env, tmp_path, capsys)
    other = Signer(bytes(range(32))).verifier.vkey()
    code, output = _verify(capsys, tmp_path, bundle, other)
    assert code == 2 and "checkpoint #1" in output and "Traceback" not in output
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json")
    code, _out, err = cli(capsys, "audit", "verify", str(garbage))
    assert code == 2 and "not an audit bundle" in err
    code, _out, err = cli(capsys, "audit", "verify", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read bundle" in err


async def test_purged_events_still_verify_against_earlier_checkpoints(runtime: Runtime) -> None:
    from datetime import timedelta

    from zorgafstemming.audit.bundle import encode_bundle, export_bundle, verify_bundle
    from zorgafstemming.audit.sealer import new_holder_id, seal_pending
    from zorgafstemming.audit.service import purge_events_before

    holder = new_holder_id("test")
    await _append_events(runtime.settings, 10)
    await seal_pending(runtime, holder)
    async with runtime.sessions() as session:
        first_note = (await session.scalars(select_latest_note())).one()
    cutoff = runtime.clock() + timedelta(microseconds=1)
    await _append_events(runtime.settings, 5)
    await seal_pending(runtime, holder)
    async with runtime.unit_of_work() as uow:
        assert await purge_events_before(uow, cutoff) == 10
    async with runtime.sessions() as session, session.begin():
        bundle = await export_bundle(session, runtime.secrets.signing_seed, runtime.clock())
    data = encode_bundle(bundle)
    report = verify_bundle(
        data,
        public_key=Signer(runtime.secrets.signing_seed).verifier.vkey(),
        trusted_checkpoint=first_note,
    )
    assert (report.events, report.purged, report.checkpoints) == (15, 10, 2)
    assert b"actor_ref" in data  # the five recent events keep their bodies
    assert (len(bundle.log), bundle.purged) == (5, list(range(10)))
    # Format 1 (every event wrapped, no stored leaf hashes) still verifies.
    old = _as_version_1(json.loads(data))
    report = verify_bundle(
        _dump(old).encode(), public_key=Signer(runtime.secrets.signing_seed).verifier.vkey()
    )
    assert (report.events, report.purged) == (15, 10)


def select_latest_note() -> Select[str]:
    from sqlalchemy import select

    return select(AuditCheckpoint.note).order_by(AuditCheckpoint.tree_size.desc()).limit(1)
