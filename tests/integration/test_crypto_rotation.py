"""Key rotation on a table the tests create: KEK rewrap, data-key re-encryption, key status.

The helpers here (probe tables, seeding, verification) are also used by the kill tests in
``tests/fault/test_keys_rotation.py``.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Column, LargeBinary, MetaData, Table, Uuid, insert, select, update

from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, FieldCipher
from zorgafstemming.crypto.keyfiles import load_kek_versions
from zorgafstemming.crypto.keyring import KekUnavailable
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.crypto.registry import (
    register_encrypted_column,
    unregister_encrypted_column,
)
from zorgafstemming.crypto.rotation import key_status, rotate_data_keys, rotate_kek
from zorgafstemming.db import new_id, transaction
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime

probe_metadata = MetaData()
PROBE = Table(
    "crypto_probe",
    probe_metadata,
    Column("id", Uuid, primary_key=True),
    Column("file_id", Uuid, nullable=False),
    Column("secret", LargeBinary),
    Column("remark", LargeBinary),
)
PROBE_ACCOUNTS = Table(
    "crypto_probe_accounts",
    probe_metadata,
    Column("id", Uuid, primary_key=True),
    Column("totp_enc", LargeBinary),
)
PROBE_COLUMNS = [
    ("crypto_probe", "secret", "file", "file_id"),
    ("crypto_probe", "remark", "file", "file_id"),
    ("crypto_probe_accounts", "totp_enc", "accounts", None),
]
Expected = dict[tuple[str, str, uuid.UUID], str]


def register_probe() -> None:
    """Register the probe tables' encrypted columns, as a package's models.py would."""
    for table, column, kind, owner_column in PROBE_COLUMNS:
        register_encrypted_column(
            table,
            column,
            owner_kind=kind,
            owner_id_column=owner_column,
            # Stored in totp_enc, encrypted as "totp": the AAD name may differ from the column.
            aad_column="totp" if column == "totp_enc" else None,
        )


def unregister_probe() -> None:
    for table, column, _, _ in PROBE_COLUMNS:
        unregister_encrypted_column(table, column)


@pytest.fixture
def probe_registered() -> Iterator[None]:
    register_probe()
    yield
    unregister_probe()


async def seed_probe(runtime: Runtime, *, files: int = 4, rows_per_file: int = 3) -> Expected:
    """Create the probe tables and fill them with encrypted values; return the plaintexts."""
    expected: Expected = {}
    cipher = runtime.cipher
    async with transaction(runtime.sessions) as session:
        conn = await session.connection()
        await conn.run_sync(probe_metadata.create_all)
        for f in range(files):
            file_id = new_id()
            key = await cipher.key_for(session, "file", file_id)
            for r in range(rows_per_file):
                row_id = new_id()
                values = {"secret": f"geheim {f}-{r}", "remark": f"opmerking {f}-{r} é"}
                await session.execute(
                    insert(PROBE).values(
                        id=row_id,
                        file_id=file_id,
                        **{
                            col: cipher.encrypt(
                                key, table="crypto_probe", column=col, row_id=row_id, value=text
                            )
                            for col, text in values.items()
                        },
                    )
                )
                for col, text in values.items():
                    expected[("crypto_probe", col, row_id)] = text
        accounts = await cipher.key_for(session, *ACCOUNTS_OWNER)
        for a in range(files):
            row_id = new_id()
            text = f"JBSWY3DPEHPK3PX{a}"
            blob = cipher.encrypt(
                accounts, table="crypto_probe_accounts", column="totp", row_id=row_id, value=text
            )
            await session.execute(insert(PROBE_ACCOUNTS).values(id=row_id, totp_enc=blob))
            expected[("crypto_probe_accounts", "totp", row_id)] = text
    return expected


async def read_all(settings: Settings) -> tuple[Expected, list[Any], set[int]]:
    """Decrypt every probe value in a new runtime (nothing cached): values, key rows, key ids."""
    runtime = Runtime.build(settings)
    found: Expected = {}
    used: set[int] = set()
    try:
        async with transaction(runtime.sessions) as session:
            cipher = runtime.cipher
            for row in (await session.execute(select(PROBE))).all():
                key = await cipher.load_key(session, "file", row.file_id)
                assert key is not None
                for col in ("secret", "remark"):
                    blob = getattr(row, col)
                    used.add(FieldCipher.key_id_of(blob) or -1)
                    found[("crypto_probe", col, row.id)] = cipher.decrypt(
                        key, table="crypto_probe", column=col, row_id=row.id, blob=blob
                    )
            accounts = await cipher.load_key(session, *ACCOUNTS_OWNER)
            assert accounts is not None
            for row in (await session.execute(select(PROBE_ACCOUNTS))).all():
                used.add(FieldCipher.key_id_of(row.totp_enc) or -1)
                found[("crypto_probe_accounts", "totp", row.id)] = cipher.decrypt(
                    accounts,
                    table="crypto_probe_accounts",
                    column="totp",
                    row_id=row.id,
                    blob=row.totp_enc,
                )
            keys = (await session.execute(select(DataKeyRecord))).scalars().all()
    finally:
        await runtime.close()
    return found, list(keys), used


async def assert_kek_rotated(settings: Settings, expected: Expected, version: int) -> None:
    """Every value decrypts and every data key is wrapped by the active KEK, the only version
    left, which is ``version`` or (after runs that completed and were rerun) a later one."""
    found, keys, _ = await read_all(settings)
    assert found == expected
    active, versions = load_kek_versions(settings.keys_path)
    assert active >= version
    assert sorted(versions) == [active]
    assert keys and {k.kek_version for k in keys} == {active}


async def assert_data_keys_rotated(
    settings: Settings, expected: Expected, before: dict[tuple[str, uuid.UUID], int]
) -> None:
    """Every value decrypts, under each owner's one new key; the old keys are gone.

    The generation is 2 after one rotation, higher when a finished run was run again.
    """
    found, keys, used = await read_all(settings)
    assert found == expected
    owners = {(k.owner_kind, k.owner_id): k for k in keys}
    assert len(owners) == len(keys) == len(before)  # one key per owner, nothing left behind
    for owner, old_key_id in before.items():
        new = owners[owner]
        assert new.status == "active" and new.generation >= 2
        assert new.key_id != old_key_id
    assert used == {k.key_id for k in keys}


def key_ids_by_owner(keys: list[Any]) -> dict[tuple[str, uuid.UUID], int]:
    return {(k.owner_kind, k.owner_id): k.key_id for k in keys}


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
