"""Bench data: files as the service stores them, loaded in bulk (PostgreSQL with ``COPY``).

Each file: a parent and a child with encrypted fields, one consent naming the reader's
organisation, two encrypted journal entries, the reader assigned to it — one data key per file,
wrapped by the KEK, through the same ``FieldCipher`` the service decrypts with.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import namedtuple
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, insert, text

from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Participant,
)
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.crypto.models import KEY_ACTIVE, DataKeyRecord
from zorgafstemming.db import new_id, transaction
from zorgafstemming.runtime import Runtime

BATCH = 2_000
# In insertion order (foreign keys).
MODELS: tuple[Any, ...] = (
    DataKeyRecord,
    CoordinationFile,
    Participant,
    FileAssignment,
    Member,
    ConsentRecord,
    ConsentMember,
    ConsentRecipient,
    ConsentEvent,
    Entry,
    EntryMember,
)
KeyRow = namedtuple("KeyRow", "key_id generation status kek_version wrapped_key")
Rows = dict[Any, list[dict[str, Any]]]


def file_rows(
    runtime: Runtime,
    rows: Rows,
    org: uuid.UUID,
    worker: uuid.UUID,
    now: datetime,
    key_id: int,
) -> tuple[uuid.UUID, uuid.UUID]:
    """Add one file's rows to ``rows``; returns (file id, the parent's member id)."""
    cipher = runtime.cipher
    fid = new_id()
    kek_version, wrapped = cipher.wrap_key(os.urandom(32), "file", fid, 1)
    rows[DataKeyRecord].append(
        dict(
            key_id=key_id,
            owner_kind="file",
            owner_id=fid,
            generation=1,
            status=KEY_ACTIVE,
            kek_version=kek_version,
            wrapped_key=wrapped,
            created_at=now,
        )
    )
    key: DataKey = cipher._data_key(
        "file", fid, [KeyRow(key_id, 1, KEY_ACTIVE, kek_version, wrapped)]
    )

    def enc(table: str, column: str, row: uuid.UUID, value: str) -> bytes:
        return cipher.encrypt(key, table=table, column=column, row_id=row, value=value)

    rows[CoordinationFile].append(
        dict(id=fid, status="open", lead_organisation_id=org, opened_at=now)
    )
    rows[Participant].append(dict(file_id=fid, organisation_id=org, joined_at=now))
    rows[FileAssignment].append(
        dict(id=new_id(), file_id=fid, account_id=worker, organisation_id=org, assigned_at=now)
    )
    parent, child = new_id(), new_id()
    for mid, role, born in ((parent, "parent", "1984-05-02"), (child, "child", "2018-09-30")):
        rows[Member].append(
            dict(
                id=mid,
                file_id=fid,
                role=role,
                created_at=now,
                given_name_enc=enc("members", "given_name_enc", mid, "Voornaam"),
                family_name_enc=enc("members", "family_name_enc", mid, "Familienaam"),
                birth_date_enc=enc("members", "birth_date_enc", mid, born),
                insz_enc=None,
                address_enc=enc("members", "address_enc", mid, "Kerkstraat 1, 2980 Zoersel"),
                phone_enc=None,
                email_enc=None,
            )
        )
    cid = new_id()
    rows[ConsentRecord].append(
        dict(
            id=cid,
            file_id=fid,
            given_by_member_id=parent,
            on_behalf=True,
            purposes=["care_coordination"],
            categories=["identity", "contact", "case_notes"],
            legal_basis="consent",
            collection_method="signed_form",
            evidence_hash=None,
            notice_version="1",
            valid_from=now - timedelta(days=1),
            valid_until=now + timedelta(days=700),
            recorded_at=now - timedelta(days=1),
        )
    )
    rows[ConsentMember] += [
        dict(consent_id=cid, member_id=parent),
        dict(consent_id=cid, member_id=child),
    ]
    rows[ConsentRecipient].append(dict(consent_id=cid, organisation_id=org))
    rows[ConsentEvent].append(
        dict(
            id=new_id(),
            consent_id=cid,
            kind="given",
            occurred_at=now - timedelta(days=1),
            recorded_at=now - timedelta(days=1),
            valid_until=now + timedelta(days=700),
        )
    )
    for about in (parent, child):
        eid = new_id()
        rows[Entry].append(
            dict(
                id=eid,
                file_id=fid,
                kind="note",
                category="case_notes",
                confidential=False,
                body_enc=enc("entries", "body_enc", eid, "Verslag van het huisbezoek. " * 8),
                author_organisation_id=org,
                created_at=now,
            )
        )
        rows[EntryMember].append(dict(entry_id=eid, member_id=about))
    return fid, parent


async def bulk_load(
    runtime: Runtime,
    org: uuid.UUID,
    worker: uuid.UUID,
    count: int,
    first_key_id: int,
    progress: Callable[[int], None] | None = None,
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """Insert ``count`` files for ``worker`` of ``org``; their (file id, parent id) pairs.

    PostgreSQL: ``COPY`` per table and batch; SQLite: one multi-row INSERT per table and batch.
    """
    now = runtime.clock()
    url = runtime.settings.effective_database_url
    copier = _Copier(url) if url.startswith("postgresql") else None
    loaded: list[tuple[uuid.UUID, uuid.UUID]] = []
    key_id = first_key_id
    try:
        for start in range(0, count, BATCH):
            rows: Rows = {m: [] for m in MODELS}
            for _ in range(min(BATCH, count - start)):
                loaded.append(file_rows(runtime, rows, org, worker, now, key_id))
                key_id += 1
            if copier is not None:
                await copier.copy(rows)
            else:
                async with transaction(runtime.sessions) as session:
                    for model, values in rows.items():
                        await session.execute(insert(model), values)
            if progress is not None:
                progress(len(loaded))
        if copier is not None:
            # The key ids were given: move the sequence past them. Then VACUUM as well as
            # ANALYZE: rows fresh from COPY have no visibility map and no hint bits yet, so the
            # first reads of every page would write it back and autovacuum would scan the new
            # rows in the middle of the measurement. A database in service is vacuumed.
            await copier.finish(
                "SELECT setval(pg_get_serial_sequence('data_keys', 'key_id'), "
                "(SELECT max(key_id) FROM data_keys))",
                "VACUUM (ANALYZE)",
            )
    finally:
        if copier is not None:
            await copier.close()
    if copier is None:
        async with transaction(runtime.sessions) as session:
            await session.execute(text("ANALYZE"))
    return loaded


class _Copier:
    """COPYs batches of rows into PostgreSQL on one connection of its own."""

    def __init__(self, url: str) -> None:
        self.dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
        self.conn: Any = None

    async def _connection(self) -> Any:
        import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information

        if self.conn is None:
            self.conn = await asyncpg.connect(self.dsn)
        return self.conn

    async def copy(self, rows: Rows) -> None:
        """One batch, in one transaction."""
        conn = await self._connection()
        async with conn.transaction():
            for model, values in rows.items():
                if not values:
                    continue
                table = model.__table__
                columns = list(values[0])
                as_json = {c for c in columns if isinstance(table.c[c].type, JSON)}
                records = [
                    tuple(json.dumps(v[c]) if c in as_json else v[c] for c in columns)
                    for v in values
                ]
                await conn.copy_records_to_table(table.name, records=records, columns=columns)

    async def finish(self, *statements: str) -> None:
        """Run ``statements`` outside a transaction (VACUUM cannot run inside one)."""
        conn = await self._connection()
        for statement in statements:
            await conn.execute(statement)

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()
