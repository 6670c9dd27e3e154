"""Sealing: one leader at a time numbers unsealed events, extends the Merkle tree and signs a
checkpoint, all in one transaction.

Leadership is a lease row (``audit_sealer_lease``) taken with a conditional UPDATE inside the
sealing transaction itself: the UPDATE holds the row lock (PostgreSQL) or the write lock (SQLite)
until commit, so two processes can never seal at once even when a lease expires mid-way, and a
CLI process and the app instances share the same rule.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit import canonical
from zorgafstemming.audit.merkle import Frontier, leaf_hash
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent, AuditSealerLease
from zorgafstemming.audit.note import Signer
from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.logging import get_logger
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

LEASE_NAME = "sealer"
LEASE_TTL = timedelta(seconds=30)
BATCH_SIZE = 2000
INTERVAL_SECONDS = 5.0

_log = get_logger("zorgafstemming.audit.sealer")


class SealerBusy(Exception):
    """Another process holds the sealer lease; the message says until when (no host names)."""


class LogInconsistent(Exception):
    """The stored tree does not match the last checkpoint; sealing stops rather than fork."""


@dataclass(frozen=True)
class SealResult:
    """What one call to :func:`seal_pending` did."""

    sealed: int
    tree_size: int
    checkpoints: int


def new_holder_id(kind: str) -> str:
    """A lease holder id: the kind of process, its pid and a random part (no host names)."""
    return f"{kind}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


async def _take_lease(
    session: AsyncSession, holder: str, now: datetime, ttl: timedelta = LEASE_TTL
) -> bool:
    result = await session.execute(
        update(AuditSealerLease)
        .where(
            AuditSealerLease.name == LEASE_NAME,
            or_(
                AuditSealerLease.holder == holder,
                AuditSealerLease.holder.is_(None),
                AuditSealerLease.expires_at.is_(None),
                AuditSealerLease.expires_at <= now,
            ),
        )
        .values(holder=holder, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    taken: int = getattr(result, "rowcount", 0)
    return taken == 1


async def lease_holder(session: AsyncSession) -> tuple[str | None, datetime | None]:
    """The current lease holder and expiry (for messages and tests)."""
    row = (
        await session.execute(
            select(AuditSealerLease.holder, AuditSealerLease.expires_at).where(
                AuditSealerLease.name == LEASE_NAME
            )
        )
    ).one()
    return row.holder, row.expires_at


async def release_lease(runtime: Runtime, holder: str) -> None:
    """Give the lease up so another process can seal without waiting for it to expire."""
    async with runtime.unit_of_work() as uow:
        await uow.session.execute(
            update(AuditSealerLease)
            .where(AuditSealerLease.name == LEASE_NAME, AuditSealerLease.holder == holder)
            .values(holder=None, expires_at=None)
            .execution_options(synchronize_session=False)
        )


async def _latest_frontier(session: AsyncSession) -> Frontier:
    latest = (
        await session.scalars(
            select(AuditCheckpoint).order_by(AuditCheckpoint.tree_size.desc()).limit(1)
        )
    ).first()
    max_seq = await session.scalar(select(func.max(AuditEvent.seq)))
    sealed = 0 if max_seq is None else max_seq + 1
    if latest is None:
        if sealed:
            raise LogInconsistent("sealed events exist without a checkpoint")
        return Frontier()
    frontier = Frontier.from_bytes(latest.tree_size, latest.frontier)
    if frontier.root() != latest.root_hash or sealed != latest.tree_size:
        raise LogInconsistent(f"the stored tree does not match checkpoint {latest.tree_size}")
    return frontier


async def seal_batch(
    session: AsyncSession, signer: Signer, holder: str, now: datetime, batch_size: int = BATCH_SIZE
) -> int | None:
    """Seal up to ``batch_size`` events in ``session``'s transaction; None when not the leader.

    Returns how many events were sealed (0: nothing to do, no checkpoint written).
    """
    if not await _take_lease(session, holder, now):
        return None
    frontier = await _latest_frontier(session)
    rows = (
        await session.execute(
            select(AuditEvent.id, AuditEvent.occurred_at, *canonical_columns())
            .where(AuditEvent.seq.is_(None))
            .order_by(AuditEvent.occurred_at, AuditEvent.id)
            .limit(batch_size)
        )
    ).all()
    if not rows:
        return 0
    updates = []
    for row in rows:
        seq = frontier.size
        leaf = leaf_hash(canonical.encode(canonical.event_from_row(row, seq)))
        frontier.append(leaf)
        updates.append({"b_id": row.id, "b_seq": seq, "b_leaf": leaf})
    table = AuditEvent.__table__
    assert isinstance(table, Table)
    await session.execute(
        table.update()
        .where(table.c.id == bindparam("b_id"), table.c.seq.is_(None))
        .values(seq=bindparam("b_seq"), leaf_hash=bindparam("b_leaf")),
        updates,
    )
    root = frontier.root()
    session.add(
        AuditCheckpoint(
            tree_size=frontier.size,
            root_hash=root,
            note=signer.checkpoint(frontier.size, root),
            frontier=frontier.to_bytes(),
            sealed_at=now,
        )
    )
    await session.flush()
    return len(rows)


def canonical_columns() -> list[object]:
    """The event columns the canonical encoding reads besides id and time."""
    return [getattr(AuditEvent, name) for name in canonical.TOKEN_FIELDS]


async def seal_pending(
    runtime: Runtime, holder: str, *, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> SealResult:
    """Seal every unsealed event, one batch per transaction; raise ``SealerBusy`` if not leader."""
    signer = Signer(runtime.secrets.signing_seed)
    sealed = checkpoints = 0
    batches = 0
    while max_batches is None or batches < max_batches:
        async with runtime.unit_of_work() as uow:
            count = await seal_batch(uow.session, signer, holder, runtime.clock(), batch_size)
            if count is None:
                who, until = await lease_holder(uow.session)
                raise SealerBusy(
                    f"another sealer ({(who or '?').split(':', 1)[0]}) holds the lease"
                    f" until {until.isoformat() if until else '?'}"
                )
        batches += 1
        if count:
            sealed += count
            checkpoints += 1
        if count < batch_size:
            break
    async with runtime.unit_of_work() as uow:
        size = await uow.session.scalar(select(func.max(AuditCheckpoint.tree_size)))
    return SealResult(sealed=sealed, tree_size=size or 0, checkpoints=checkpoints)


class BackgroundSealer(BackgroundLoop):
    """The app's sealing loop: tries to lead every few seconds; only the lease holder seals."""

    task_name = "audit-sealer"
    failure_event = "audit_seal_failed"
    log = _log
    default_interval = INTERVAL_SECONDS

    def __init__(self, runtime: Runtime, **timing: float) -> None:
        super().__init__(runtime, **timing)
        self.holder = new_holder_id("app")

    async def run_round(self) -> None:
        try:
            result = await seal_pending(self.runtime, self.holder)
        except SealerBusy:
            return  # another instance leads; try again later
        if result.sealed:
            _log.info("audit_sealed", events=result.sealed, tree_size=result.tree_size)

    async def after_stop(self) -> None:
        try:
            await release_lease(self.runtime, self.holder)
        except Exception as exc:  # shutting down: the lease simply expires instead
            _log.warning("audit_lease_release_failed", error_type=type(exc).__name__)


async def start_background_sealer(app: Litestar) -> None:
    """App start-up hook: run the sealing loop unless the scheduler is switched off."""
    start_in_app(app, "audit_sealer", BackgroundSealer)


async def stop_background_sealer(app: Litestar) -> None:
    """App shutdown hook: stop the loop and give the lease up."""
    await stop_in_app(app, "audit_sealer")
