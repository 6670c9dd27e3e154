"""Data-key rotation: a successor key per owner, values re-encrypted in batches, old keys deleted.

See the package documentation for the steps and why every value decrypts at every moment.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import LargeBinary, MetaData, Uuid, bindparam, func, select, update
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, DataKey, DecryptionError, FieldCipher
from zorgafstemming.crypto.models import DATA_KEYS as _KEYS
from zorgafstemming.crypto.models import KEY_ACTIVE, KEY_DUE, KEY_RETIRING
from zorgafstemming.crypto.registry import (
    EncryptedColumn,
    encrypted_columns,
    unregistered_encrypted_columns,
)
from zorgafstemming.crypto.rotation.progress import Progress, ProgressBar, no_progress
from zorgafstemming.db import transaction
from zorgafstemming.faults import crash_point

DK_SCHEDULED = "rotate_data_keys.scheduled"
DK_REPLACED_BATCH = "rotate_data_keys.replaced_batch"
DK_REENCRYPTED_BATCH = "rotate_data_keys.reencrypted_batch"
DK_DELETED_BATCH = "rotate_data_keys.deleted_batch"
ROTATE_DATA_KEYS_CRASH_POINTS = (
    DK_SCHEDULED,
    DK_REPLACED_BATCH,
    DK_REENCRYPTED_BATCH,
    DK_DELETED_BATCH,
)

# The owner id of a kind with one shared key (the accounts key, and the like).
SHARED_OWNER_ID = ACCOUNTS_OWNER[1]


@dataclass
class DataKeyRotationReport:
    """What :func:`rotate_data_keys` did; no key material, no values."""

    started: bool = False
    scheduled: int = 0
    replaced: int = 0
    reencrypted: int = 0
    deleted_keys: int = 0
    unreadable_values: int = 0
    kept_key_ids: list[int] = field(default_factory=list)
    unregistered_columns_with_old_keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unreadable_values or self.kept_key_ids)

    def as_dict(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["ok"] = self.ok
        return doc


def _batches(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def _replace_due_keys(
    sessions: async_sessionmaker[AsyncSession],
    cipher: FieldCipher,
    batch_size: int,
    progress: Progress,
    report: DataKeyRotationReport,
) -> None:
    async with transaction(sessions) as session:
        total = await session.scalar(
            select(func.count()).select_from(_KEYS).where(_KEYS.c.status == KEY_DUE)
        )
    bar = progress("creating new data keys", int(total or 0))
    try:
        while True:
            async with transaction(sessions) as session:
                rows = (
                    await session.execute(
                        select(_KEYS.c.key_id, _KEYS.c.owner_kind, _KEYS.c.owner_id)
                        .where(_KEYS.c.status == KEY_DUE)
                        .order_by(_KEYS.c.key_id)
                        .limit(batch_size)
                        .with_for_update()
                    )
                ).all()
                if not rows:
                    break
                for row in rows:
                    generation = await session.scalar(
                        select(func.max(_KEYS.c.generation)).where(
                            _KEYS.c.owner_kind == row.owner_kind, _KEYS.c.owner_id == row.owner_id
                        )
                    )
                    await cipher.insert_key(
                        session, row.owner_kind, row.owner_id, int(generation or 0) + 1
                    )
                await session.execute(
                    update(_KEYS)
                    .where(_KEYS.c.key_id.in_([r.key_id for r in rows]))
                    .values(status=KEY_RETIRING)
                )
            report.replaced += len(rows)
            bar.update(len(rows))
            crash_point(DK_REPLACED_BATCH)
    finally:
        bar.close()


async def _reencrypt_column(
    sessions: async_sessionmaker[AsyncSession],
    cipher: FieldCipher,
    col: EncryptedColumn,
    retiring: dict[int, tuple[str, uuid.UUID]],
    batch_size: int,
    report: DataKeyRotationReport,
    blocked: set[int],
    bar: ProgressBar,
) -> None:
    columns = [sql_column(col.id_column, Uuid), sql_column(col.column, LargeBinary)]
    if col.owner_id_column:
        columns.append(sql_column(col.owner_id_column, Uuid))
    tbl = sql_table(col.table, *columns)
    row_id, value = tbl.c[col.id_column], tbl.c[col.column]
    owner_col = tbl.c[col.owner_id_column] if col.owner_id_column else None
    cursor: uuid.UUID | None = None
    while True:
        async with transaction(sessions) as session:
            query = select(*tbl.c).where(value.is_not(None)).order_by(row_id).limit(batch_size)
            if cursor is not None:
                query = query.where(row_id > cursor)
            rows = (await session.execute(query)).all()
            if not rows:
                break
            keys: dict[tuple[str, uuid.UUID], DataKey | None] = {}
            params: list[dict[str, Any]] = []
            for row in rows:
                blob = bytes(row[1])
                key_id = FieldCipher.key_id_of(blob)
                if key_id is None or key_id not in retiring:
                    continue
                owner = (
                    col.owner_of(row[0], row[2])
                    if owner_col is not None
                    else (col.owner_kind, SHARED_OWNER_ID)
                )
                if owner is None or retiring[key_id] != owner:
                    # Under another owner's key: not something this rotation can vouch for.
                    blocked.add(key_id)
                    report.unreadable_values += 1
                    continue
                if owner not in keys:
                    keys[owner] = await cipher.load_key(session, *owner)
                key = keys[owner]
                try:
                    if key is None:
                        raise DecryptionError("owner has no current key")
                    plain = cipher.decrypt(
                        key, table=col.table, column=col.encrypted_as, row_id=row[0], blob=blob
                    )
                except DecryptionError:
                    blocked.add(key_id)
                    report.unreadable_values += 1
                    continue
                fresh = cipher.encrypt(
                    key, table=col.table, column=col.encrypted_as, row_id=row[0], value=plain
                )
                params.append({"b_id": row[0], "b_old": blob, "b_new": fresh})
            if params:
                await session.execute(
                    update(tbl)
                    .where(row_id == bindparam("b_id"), value == bindparam("b_old"))
                    .values({col.column: bindparam("b_new")}),
                    params,
                )
        cursor = rows[-1][0]
        report.reencrypted += len(params)
        bar.update(len(rows))
        crash_point(DK_REENCRYPTED_BATCH)


async def _scan_unregistered(
    sessions: async_sessionmaker[AsyncSession],
    metadata: MetaData,
    retiring: dict[int, tuple[str, uuid.UUID]],
    report: DataKeyRotationReport,
    blocked: set[int],
) -> None:
    for table_name, column_name in unregistered_encrypted_columns(metadata):
        value = metadata.tables[table_name].c[column_name]
        async with transaction(sessions) as session:
            result = await session.stream(select(value).where(value.is_not(None)))
            async for (blob,) in result:
                key_id = FieldCipher.key_id_of(bytes(blob))
                if key_id in retiring:
                    blocked.add(key_id)
                    name = f"{table_name}.{column_name}"
                    if name not in report.unregistered_columns_with_old_keys:
                        report.unregistered_columns_with_old_keys.append(name)


async def rotate_data_keys(
    sessions: async_sessionmaker[AsyncSession],
    cipher: FieldCipher,
    metadata: MetaData,
    *,
    batch_size: int = 200,
    progress: Progress = no_progress,
) -> DataKeyRotationReport:
    """Rotate every data key (or finish an interrupted rotation); see the module documentation."""
    report = DataKeyRotationReport()
    async with transaction(sessions) as session:
        in_progress = await session.scalar(
            select(func.count())
            .select_from(_KEYS)
            .where(_KEYS.c.status.in_([KEY_DUE, KEY_RETIRING]))
        )
        if not in_progress:
            result = await session.execute(
                update(_KEYS).where(_KEYS.c.status == KEY_ACTIVE).values(status=KEY_DUE)
            )
            report.started = True
            report.scheduled = int(getattr(result, "rowcount", 0) or 0)
    if report.started:
        crash_point(DK_SCHEDULED)

    await _replace_due_keys(sessions, cipher, batch_size, progress, report)

    async with transaction(sessions) as session:
        retiring: dict[int, tuple[str, uuid.UUID]] = {
            r.key_id: (r.owner_kind, r.owner_id)
            for r in (
                await session.execute(
                    select(_KEYS.c.key_id, _KEYS.c.owner_kind, _KEYS.c.owner_id).where(
                        _KEYS.c.status == KEY_RETIRING
                    )
                )
            ).all()
        }
    blocked: set[int] = set()
    if retiring:
        bar = progress("re-encrypting values", None)
        try:
            for col in encrypted_columns():
                await _reencrypt_column(
                    sessions, cipher, col, retiring, batch_size, report, blocked, bar
                )
        finally:
            bar.close()
        await _scan_unregistered(sessions, metadata, retiring, report, blocked)

    doomed = sorted(set(retiring) - blocked)
    report.kept_key_ids = sorted(blocked)
    for chunk in _batches(doomed, batch_size):
        async with transaction(sessions) as session:
            await session.execute(
                _KEYS.delete().where(_KEYS.c.key_id.in_(chunk), _KEYS.c.status == KEY_RETIRING)
            )
        report.deleted_keys += len(chunk)
        crash_point(DK_DELETED_BATCH)
    return report
