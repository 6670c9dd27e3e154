"""Key rotation and key status: resumable, idempotent batches that survive a SIGKILL anywhere.

**KEK rotation** (:func:`rotate_kek`): when the keyring holds only the active version, a new
version is first written durably (key file: temp file, fsync, atomic rename, fsync folder); then
every data key wrapped by an older version is unwrapped and rewrapped under the new one, in
batches, each its own transaction. An older version is retired (removed from the key file) only
once no data key uses it. A rerun while older versions remain resumes instead of starting over,
and a key is rewrapped at most once per rotation because only keys not yet on the active version
are selected.

**Data-key rotation** (:func:`rotate_data_keys`): every current data key is marked ``due`` in one
statement; then, in batches, each due key gets a successor (a new random key, ``active``) and
becomes ``retiring``; then every registered encrypted column is walked and values under a
retiring key are re-encrypted under the owner's active key (compare-and-set, so a concurrent
write is never overwritten); finally retiring keys that no value uses any more are deleted.
Readers hold all of an owner's keys, so every value decrypts at every moment of the rotation.
"""

from __future__ import annotations

import fcntl
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import (
    LargeBinary,
    MetaData,
    Table,
    Uuid,
    bindparam,
    func,
    select,
    text,
    update,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, DataKey, DecryptionError, FieldCipher
from zorgafstemming.crypto.fields import wrap_aad as _wrap_aad
from zorgafstemming.crypto.keyfiles import KEK_FILE_BEFORE_RENAME
from zorgafstemming.crypto.keyring import KekUnavailable, UnwrapError
from zorgafstemming.crypto.models import KEY_ACTIVE, KEY_DUE, KEY_RETIRING, DataKeyRecord
from zorgafstemming.crypto.registry import (
    EncryptedColumn,
    encrypted_columns,
    unregistered_encrypted_columns,
)
from zorgafstemming.db import transaction
from zorgafstemming.faults import crash_point

KEK_VERSION_WRITTEN = "rotate_kek.version_written"
KEK_REWRAPPED_BATCH = "rotate_kek.rewrapped_batch"
KEK_BEFORE_RETIRE = "rotate_kek.before_retire"
ROTATE_KEK_CRASH_POINTS = (
    KEK_FILE_BEFORE_RENAME,  # passed when the new version is written, and again at retirement
    KEK_VERSION_WRITTEN,
    KEK_REWRAPPED_BATCH,
    KEK_BEFORE_RETIRE,
)

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

# Arbitrary but fixed: the advisory lock key of key rotations.
_LOCK_ID = 0x7A6B6579

# The owner id of a kind with one shared key (the accounts key, and the like).
SHARED_OWNER_ID = ACCOUNTS_OWNER[1]

_KEYS: Table = DataKeyRecord.__table__  # type: ignore[assignment]


class ProgressBar(Protocol):
    """The part of a tqdm bar the rotations use."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def close(self) -> None: ...


Progress = Callable[[str, int | None], ProgressBar]
"""Makes a bar for one phase (its name, and its total or None when unknown)."""


class _NoBar:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def close(self) -> None:
        return None


def no_progress(phase: str, total: int | None) -> ProgressBar:
    """A progress factory that shows nothing (not on a terminal, or ``--json``)."""
    return _NoBar()


async def _lock_keys_table(session: AsyncSession) -> None:
    # PostgreSQL: wait for every transaction that inserted or changed a data key to finish, and
    # keep new ones out until this one commits, so a count made here is final.
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("LOCK TABLE data_keys IN SHARE ROW EXCLUSIVE MODE"))


class RotationBusy(Exception):
    """Another key rotation holds the lock on this database."""


@asynccontextmanager
async def rotation_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """Hold the database's key-rotation lock (one rotation at a time, on any host).

    Both kinds of lock vanish with the process, so a killed rotation never blocks its rerun:
    PostgreSQL a session advisory lock on a connection of its own, SQLite a ``flock`` on a file
    next to the database (SQLite's one connection cannot be held aside).
    """
    busy = RotationBusy("another key rotation is running on this database; try again later")
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            if not await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _LOCK_ID}):
                raise busy
            await conn.commit()
            try:
                yield
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_ID})
                await conn.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    fd = os.open(f"{database}.rotation.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        yield
    finally:
        os.close(fd)


# -- KEK rotation ---------------------------------------------------------------------------------


@dataclass
class KekRotationReport:
    """What :func:`rotate_kek` did; no key material."""

    active_version: int
    new_version_written: bool
    rewrapped: int = 0
    failed_key_ids: list[int] = field(default_factory=list)
    retired_versions: list[int] = field(default_factory=list)
    versions_in_use: dict[int, int] = field(default_factory=dict)
    versions_to_remove_by_hand: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed_key_ids

    def as_dict(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["versions_in_use"] = {str(k): v for k, v in self.versions_in_use.items()}
        doc["ok"] = self.ok
        return doc


async def _rewrap(session: AsyncSession, cipher: FieldCipher, rows: Sequence[Any]) -> list[int]:
    """Rewrap ``rows`` under the active KEK version; return the key ids that did not unwrap."""
    kek = cipher.kek
    active = kek.active_version
    failed: list[int] = []
    params: list[dict[str, Any]] = []
    for row in rows:
        try:
            raw = kek.unwrap(
                row.kek_version,
                bytes(row.wrapped_key),
                _wrap_aad(row.kek_version, row.owner_kind, row.owner_id, row.generation),
            )
        except (UnwrapError, KekUnavailable):
            failed.append(row.key_id)
            continue
        wrapped = kek.wrap(
            active, raw, _wrap_aad(active, row.owner_kind, row.owner_id, row.generation)
        )
        params.append(
            {
                "b_key_id": row.key_id,
                "b_old": row.kek_version,
                "b_new": active,
                "b_wrapped": wrapped,
            }
        )
    if params:
        await session.execute(
            update(_KEYS)
            .where(
                _KEYS.c.key_id == bindparam("b_key_id"), _KEYS.c.kek_version == bindparam("b_old")
            )
            .values(kek_version=bindparam("b_new"), wrapped_key=bindparam("b_wrapped")),
            params,
        )
    return failed


def _wrapped_rows_query(active: int, after: int, limit: int | None) -> Any:
    query = (
        select(
            _KEYS.c.key_id,
            _KEYS.c.owner_kind,
            _KEYS.c.owner_id,
            _KEYS.c.generation,
            _KEYS.c.kek_version,
            _KEYS.c.wrapped_key,
        )
        .where(_KEYS.c.kek_version != active, _KEYS.c.key_id > after)
        .order_by(_KEYS.c.key_id)
        .with_for_update()
    )
    return query.limit(limit) if limit is not None else query


async def rotate_kek(
    sessions: async_sessionmaker[AsyncSession],
    cipher: FieldCipher,
    *,
    batch_size: int = 1000,
    progress: Progress = no_progress,
) -> KekRotationReport:
    """Rotate the KEK (or finish an interrupted rotation); see the module documentation."""
    kek = cipher.kek
    kek.refresh()
    started = False
    if not kek.versions() - {kek.active_version}:
        kek.add_version()  # durable before any data key is rewrapped under it
        started = True
        crash_point(KEK_VERSION_WRITTEN)
    active = kek.active_version
    report = KekRotationReport(active_version=active, new_version_written=started)

    async with transaction(sessions) as session:
        total = await session.scalar(
            select(func.count()).select_from(_KEYS).where(_KEYS.c.kek_version != active)
        )
    bar = progress("rewrapping data keys", int(total or 0))
    cursor = 0
    try:
        while True:
            async with transaction(sessions) as session:
                rows = (
                    await session.execute(_wrapped_rows_query(active, cursor, batch_size))
                ).all()
                if not rows:
                    break
                failed = await _rewrap(session, cipher, rows)
            cursor = rows[-1].key_id
            report.failed_key_ids.extend(failed)
            report.rewrapped += len(rows) - len(failed)
            bar.update(len(rows))
            crash_point(KEK_REWRAPPED_BATCH)
    finally:
        bar.close()

    crash_point(KEK_BEFORE_RETIRE)
    async with transaction(sessions) as session:
        await _lock_keys_table(session)
        # Keys created while the batches ran by a process that had not yet seen the new version.
        stragglers = (await session.execute(_wrapped_rows_query(active, 0, None))).all()
        stragglers = [r for r in stragglers if r.key_id not in set(report.failed_key_ids)]
        if stragglers:
            report.failed_key_ids.extend(await _rewrap(session, cipher, stragglers))
            report.rewrapped += len(stragglers)
        in_use: dict[int, int] = dict(
            (
                await session.execute(
                    select(_KEYS.c.kek_version, func.count()).group_by(_KEYS.c.kek_version)
                )
            ).all()
        )
    report.versions_in_use = {int(v): int(n) for v, n in in_use.items()}
    for version in sorted(kek.versions() - {active}):
        if report.versions_in_use.get(version):
            continue  # still wraps a key that did not unwrap: never destroy it
        if kek.retire(version):
            report.retired_versions.append(version)
        else:
            report.versions_to_remove_by_hand.append(version)
    return report


# -- data-key rotation ----------------------------------------------------------------------------


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
                owner = (col.owner_kind, row[2] if owner_col is not None else SHARED_OWNER_ID)
                if retiring[key_id] != owner:
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


# -- status -----------------------------------------------------------------------------------


async def key_status(
    sessions: async_sessionmaker[AsyncSession], cipher: FieldCipher, now: datetime
) -> dict[str, Any]:
    """KEK versions, data keys per version and state, oldest key age — never key material."""
    kek = cipher.kek
    kek.refresh()
    async with transaction(sessions) as session:
        groups = (
            await session.execute(
                select(
                    _KEYS.c.kek_version,
                    _KEYS.c.status,
                    func.count(),
                ).group_by(_KEYS.c.kek_version, _KEYS.c.status)
            )
        ).all()
        oldest = await session.scalar(select(func.min(DataKeyRecord.created_at)))
    by_version: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for version, status, count in groups:
        by_version[str(version)] = by_version.get(str(version), 0) + int(count)
        by_status[status] = by_status.get(status, 0) + int(count)
    held = kek.versions()
    problems = [
        f"{count} data key(s) are wrapped by KEK version {version}, which is not held"
        for version, count in sorted(by_version.items())
        if int(version) not in held
    ]
    return {
        "kek": {
            "source": type(kek).__name__,
            "active_version": kek.active_version,
            "versions_held": sorted(held),
        },
        "data_keys": {
            "total": sum(by_status.values()),
            "by_kek_version": dict(sorted(by_version.items())),
            "by_status": dict(sorted(by_status.items())),
            "oldest_created_at": oldest.isoformat() if oldest else None,
            "oldest_age_days": round((now - oldest).total_seconds() / 86400, 2) if oldest else None,
        },
        "kek_rotation_pending": any(int(v) != kek.active_version for v in by_version)
        or len(held) > 1,
        "data_key_rotation_pending": bool(by_status.get(KEY_DUE) or by_status.get(KEY_RETIRING)),
        "problems": problems,
    }
