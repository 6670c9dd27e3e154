"""Probe tables for the key-rotation tests: encrypted columns registered as a package's would be.

Used by the rotation tests and by the kill tests in ``tests/fault/test_keys_rotation.py`` (whose
command line registers the probe columns first), and by the canary test.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Column, LargeBinary, MetaData, Table, Uuid, insert, select

from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, FieldCipher
from zorgafstemming.crypto.keyfiles import load_kek_versions
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.crypto.registry import register_encrypted_column, unregister_encrypted_column
from zorgafstemming.db import new_id, transaction
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


async def read_all(settings: Settings) -> tuple[Expected, list[DataKeyRecord], set[int]]:
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


def key_ids_by_owner(keys: list[DataKeyRecord]) -> dict[tuple[str, uuid.UUID], int]:
    return {(k.owner_kind, k.owner_id): k.key_id for k in keys}
