"""KEK rotation: write a new KEK version, rewrap every data key under it, retire old versions.

See the package documentation for the steps and why a kill at any point is safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from zorgafstemming.crypto.field_format import wrap_aad as _wrap_aad
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.keyfiles import KEK_FILE_BEFORE_RENAME
from zorgafstemming.crypto.keyring import KekUnavailable, UnwrapError
from zorgafstemming.crypto.models import DATA_KEYS as _KEYS
from zorgafstemming.crypto.rotation.lock import lock_keys_table
from zorgafstemming.crypto.rotation.progress import Progress, no_progress
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
        await lock_keys_table(session)
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
