"""Key rotation on a table the tests create: KEK rewrap, data-key re-encryption, key status."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Column, LargeBinary, MetaData, Table, Uuid, select, update

from tests.factories.crypto import (
    PROBE,
    assert_data_keys_rotated,
    assert_kek_rotated,
    key_ids_by_owner,
    read_all,
    register_probe,
    seed_probe,
    unregister_probe,
)
from zorgafstemming.crypto.keyfiles import load_kek_versions
from zorgafstemming.crypto.keyring import KekUnavailable
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.crypto.registry import (
    unregister_encrypted_column,
)
from zorgafstemming.crypto.rotation import key_status, rotate_data_keys, rotate_kek
from zorgafstemming.db import new_id, transaction
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime


@pytest.fixture
def probe_registered() -> Iterator[None]:
    register_probe()
    yield
    unregister_probe()


async def test_rotate_kek_rewraps_every_key_and_retires_the_old_version(
    runtime: Runtime, probe_registered: None
) -> None:
    expected = await seed_probe(runtime)
    _, before, _ = await read_all(runtime.settings)
    assert {k.kek_version for k in before} == {1}
    report = await rotate_kek(runtime.sessions, runtime.cipher, batch_size=2)
    assert report.ok and report.new_version_written
    assert (report.active_version, report.rewrapped, report.retired_versions) == (2, 5, [1])
    await assert_kek_rotated(runtime.settings, expected, 2)
    # The data keys themselves did not change: only their wrapping.
    _, after, _ = await read_all(runtime.settings)
    assert key_ids_by_owner(after) == key_ids_by_owner(before)
    # The running runtime (old keyring in memory) keeps working and creates keys under v2.
    async with transaction(runtime.sessions) as session:
        key = await runtime.cipher.key_for(session, "file", new_id())
        row = await session.get(DataKeyRecord, key.key_id)
        assert row is not None and row.kek_version == 2
    # Running it again is a new rotation, and still nothing is lost.
    again = await rotate_kek(runtime.sessions, runtime.cipher)
    assert (again.active_version, again.rewrapped, again.retired_versions) == (3, 6, [2])
    found, _, _ = await read_all(runtime.settings)
    assert found == expected


async def test_rotate_kek_keeps_a_version_that_still_wraps_a_broken_key(
    runtime: Runtime, probe_registered: None
) -> None:
    await seed_probe(runtime, files=2)
    async with transaction(runtime.sessions) as session:
        victim = (await session.execute(select(DataKeyRecord).limit(1))).scalar_one()
        victim_id = victim.key_id
        await session.execute(
            update(DataKeyRecord)
            .where(DataKeyRecord.key_id == victim_id)
            .values(wrapped_key=bytes(60))
        )
    report = await rotate_kek(runtime.sessions, runtime.cipher)
    assert not report.ok
    assert report.failed_key_ids == [victim_id]
    assert report.retired_versions == []
    assert sorted(load_kek_versions(runtime.settings.keys_path)[1]) == [1, 2]


async def test_rotate_data_keys_reencrypts_every_value_under_new_keys(
    runtime: Runtime, probe_registered: None
) -> None:
    expected = await seed_probe(runtime)
    _, keys, used_before = await read_all(runtime.settings)
    before = key_ids_by_owner(keys)
    report = await rotate_data_keys(
        runtime.sessions, runtime.cipher, service_metadata, batch_size=2
    )
    assert report.ok and report.started
    assert (report.scheduled, report.replaced, report.deleted_keys) == (5, 5, 5)
    assert report.reencrypted == len(expected)
    await assert_data_keys_rotated(runtime.settings, expected, before)
    _, _, used_after = await read_all(runtime.settings)
    assert not used_before & used_after
    # Nothing left to resume: a second run is a new rotation, again complete.
    again = await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)
    assert again.started and again.ok and again.reencrypted == len(expected)
    found, _, _ = await read_all(runtime.settings)
    assert found == expected


async def test_rotate_data_keys_keeps_keys_that_unregistered_columns_still_use(
    runtime: Runtime, probe_registered: None
) -> None:
    expected = await seed_probe(runtime, files=2)
    unregister_encrypted_column("crypto_probe", "remark")  # a package that forgot to register
    shadow = MetaData()
    Table(
        "crypto_probe",
        shadow,
        Column("id", Uuid, primary_key=True),
        Column("remark", LargeBinary, comment="encrypted: free text"),
    )
    report = await rotate_data_keys(runtime.sessions, runtime.cipher, shadow)
    assert not report.ok
    assert report.unregistered_columns_with_old_keys == ["crypto_probe.remark"]
    assert len(report.kept_key_ids) == 2  # the two file keys; the accounts key was deleted
    found, _, _ = await read_all(runtime.settings)
    assert found == expected  # the unregistered values still decrypt under the kept keys


async def test_values_written_after_a_data_key_rotation_use_the_new_key(
    runtime: Runtime, probe_registered: None
) -> None:
    expected = await seed_probe(runtime, files=1, rows_per_file=1)
    async with transaction(runtime.sessions) as session:
        (row,) = (await session.execute(select(PROBE))).all()
        old_key = await runtime.cipher.key_for(session, "file", row.file_id)
    # After the rotation the owner writes with its new key, and the old one is gone.
    report = await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)
    assert report.ok
    async with transaction(runtime.sessions) as session:
        key = await runtime.cipher.key_for(session, "file", row.file_id)
        assert key.key_id != old_key.key_id and old_key.key_id not in key.key_ids
        blob = runtime.cipher.encrypt(
            key, table="crypto_probe", column="secret", row_id=row.id, value="nieuw"
        )
        await session.execute(update(PROBE).where(PROBE.c.id == row.id).values(secret=blob))
    expected[("crypto_probe", "secret", row.id)] = "nieuw"
    found, _, _ = await read_all(runtime.settings)
    assert found == expected


async def test_key_status_counts_keys_and_never_shows_key_material(
    runtime: Runtime, probe_registered: None
) -> None:
    await seed_probe(runtime, files=3)
    status = await key_status(runtime.sessions, runtime.cipher, runtime.clock())
    assert status["kek"]["active_version"] == 1
    assert status["data_keys"]["total"] == 4
    assert status["data_keys"]["by_kek_version"] == {"1": 4}
    assert status["data_keys"]["oldest_age_days"] >= 0
    assert not status["kek_rotation_pending"] and not status["data_key_rotation_pending"]
    text = json.dumps(status)
    _, versions = load_kek_versions(runtime.settings.keys_path)
    _, keys, _ = await read_all(runtime.settings)
    for secret in [*versions.values(), *(k.wrapped_key for k in keys)]:
        assert base64.b64encode(secret).decode() not in text
        assert secret.hex() not in text


async def test_rotate_kek_from_an_environment_variable(
    runtime: Runtime, probe_registered: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1, v2 = os.urandom(32), os.urandom(32)
    b64 = {n: base64.b64encode(k).decode() for n, k in {1: v1, 2: v2}.items()}
    monkeypatch.setenv("ZORG_TEST_KEK", b64[1])
    settings = replace(runtime.settings, kek_env_var="ZORG_TEST_KEK")
    first = Runtime.build(settings)
    try:
        expected = await seed_probe(first, files=2)
        with pytest.raises(KekUnavailable, match="ZORG_TEST_KEK"):
            await rotate_kek(first.sessions, first.cipher)  # read-only: no version to add
    finally:
        await first.close()
    # The operator adds version 2 to the variable, marks it active, restarts, and rotates.
    monkeypatch.setenv(
        "ZORG_TEST_KEK", json.dumps({"active": 2, "versions": {"1": b64[1], "2": b64[2]}})
    )
    second = Runtime.build(settings)
    try:
        report = await rotate_kek(second.sessions, second.cipher)
    finally:
        await second.close()
    assert report.ok and not report.new_version_written
    assert (report.rewrapped, report.versions_to_remove_by_hand) == (3, [1])
    # Once version 1 is removed from the variable, everything still decrypts.
    monkeypatch.setenv("ZORG_TEST_KEK", json.dumps({"active": 2, "versions": {"2": b64[2]}}))
    found, keys, _ = await read_all(settings)
    assert found == expected and {k.kek_version for k in keys} == {2}


async def test_a_running_server_follows_a_kek_rotation_done_elsewhere(
    runtime: Runtime, probe_registered: None
) -> None:
    server = runtime  # loaded KEK version 1 at start-up
    expected = await seed_probe(server, files=2)
    command_line = Runtime.build(server.settings)
    try:
        assert (await rotate_kek(command_line.sessions, command_line.cipher)).ok
    finally:
        await command_line.close()
    assert server.cipher.kek.versions() == {1}  # not yet re-read
    async with transaction(server.sessions) as session:
        (row,) = (await session.execute(select(PROBE).limit(1))).all()
        key = await server.cipher.key_for(session, "file", row.file_id)  # wrapped by v2 now
        assert (
            server.cipher.decrypt(
                key, table="crypto_probe", column="secret", row_id=row.id, blob=row.secret
            )
            == expected[("crypto_probe", "secret", row.id)]
        )
        fresh = await server.cipher.key_for(session, "file", new_id())
        stored = await session.get(DataKeyRecord, fresh.key_id)
    assert stored is not None and stored.kek_version == 2
    assert server.cipher.kek.versions() == {2}
