"""Canary test: personal data written through the field cipher never appears in the clear.

Canary strings are stored encrypted (and blind-indexed), rotated, shredded; then the raw
database is searched over a plain connection, in a dump (``pg_dump`` / SQLite ``.dump``), in the
SQLite files on disk, and in the captured logs. A control value stored in the clear proves that
each search would have found a canary.
"""

from __future__ import annotations

import io

from sqlalchemy import Column, MetaData, String, Table, Uuid, insert

from tests.factories.crypto import PROBE, probe_metadata, register_probe, unregister_probe
from tests.factories.raw_database import raw_postgres, raw_sqlite
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, DecryptionError
from zorgafstemming.crypto.rotation import rotate_data_keys, rotate_kek
from zorgafstemming.db import new_id, transaction
from zorgafstemming.logging import configure_logging, get_logger
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime

CANARIES = [
    "Kanarie-Zoë-Vermeersch-5f1c",
    "85073003328",  # an INSZ
    "kanarie.ouder@example.be",
    "Bosdreef 17, 2980 Zoersel",
]
CONTROL = "controlewaarde-in-klare-tekst-9a2e"

control_metadata = MetaData()
CONTROL_TABLE = Table(
    "crypto_probe_control",
    control_metadata,
    Column("id", Uuid, primary_key=True),
    Column("label", String(100)),
)


def occurrences(blob: bytes) -> set[str]:
    """Which canaries (and the control) occur in ``blob``, as UTF-8 or as hex of UTF-8."""
    lowered = blob.lower()
    return {
        text
        for text in [*CANARIES, CONTROL]
        if text.encode() in blob or text.encode().hex().encode() in lowered
    }


async def store_canaries(runtime: Runtime) -> None:
    cipher = runtime.cipher
    async with transaction(runtime.sessions) as session:
        conn = await session.connection()
        await conn.run_sync(probe_metadata.create_all)
        await conn.run_sync(control_metadata.create_all)
        for _ in range(2):
            file_id = new_id()
            key = await cipher.key_for(session, "file", file_id)
            for text in CANARIES:
                row_id = new_id()
                await session.execute(
                    insert(PROBE).values(
                        id=row_id,
                        file_id=file_id,
                        secret=cipher.encrypt(
                            key, table="crypto_probe", column="secret", row_id=row_id, value=text
                        ),
                    )
                )
                await cipher.put_blind_index(
                    session,
                    owner_kind="file",
                    owner_id=file_id,
                    column="members.insz",
                    subject_id=row_id,
                    value=text,
                )
        accounts = await cipher.key_for(session, *ACCOUNTS_OWNER)
        row_id = new_id()
        await cipher.put_blind_index(
            session,
            owner_kind=ACCOUNTS_OWNER[0],
            owner_id=ACCOUNTS_OWNER[1],
            column="accounts.email",
            subject_id=row_id,
            value=CANARIES[2],
        )
        blob = cipher.encrypt(
            accounts, table="crypto_probe", column="secret", row_id=row_id, value=CANARIES[2]
        )
        try:  # a failed decryption must not echo the value either
            cipher.decrypt(
                accounts, table="crypto_probe", column="remark", row_id=row_id, blob=blob
            )
        except DecryptionError as exc:
            get_logger("zorgafstemming.test").warning("decryption_failed", error_type=str(exc))
        await session.execute(insert(CONTROL_TABLE).values(id=new_id(), label=CONTROL))


async def test_canaries_never_appear_in_the_clear(runtime: Runtime) -> None:
    log = io.StringIO()
    configure_logging("DEBUG", stream=log)
    register_probe()
    try:
        await store_canaries(runtime)
        assert (await rotate_kek(runtime.sessions, runtime.cipher)).ok
        assert (await rotate_data_keys(runtime.sessions, runtime.cipher, service_metadata)).ok
    finally:
        unregister_probe()
    url = runtime.settings.effective_database_url
    await runtime.engine.dispose()  # SQLite: let the WAL be read as it stands
    places: tuple[bytes, ...]
    if url.startswith("sqlite"):
        places = raw_sqlite(url.split("///", 1)[1])
    else:
        places = await raw_postgres(url)
    for place in places:
        # The control proves the search works; no canary is ever found.
        assert occurrences(place) == {CONTROL}
    assert occurrences(log.getvalue().encode()) == set()
    assert "decryption_failed" in log.getvalue()
