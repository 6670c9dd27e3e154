"""Rate limits shared by every app instance: fixed-window counters in the database.

Each hit is one atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (SQLite and PostgreSQL),
so concurrent requests on several instances count exactly. Subjects (IP addresses, email
indexes, token hashes) are HMAC-ed before they become keys.

Limits are counted in stages (:func:`enforce`): the per-IP and per-account limits first, and
only an attempt they let through counts against a limit everybody shares (``LOGIN_GLOBAL``),
so one client's refused flood never spends the allowance other people sign in with. A shared
limit is counted on ``SHARDS`` rows chosen at random and summed, so concurrent attempts do not
queue on one counter row.

Backoff: a limit that trips answers 429 with ``Retry-After`` until its window ends. Windows
are short (at most 5 minutes), so a flood against one account keeps its owner out for at most
the rest of the current window after the flood stops. A process remembers the limits it saw
tripped, until their window ends: a window's count only grows, so a later attempt is refused
without a statement or a commit (a flood refused costs almost nothing), and an attempt refused
for its address no longer counts against the account it names. Every refusal answers after
``REFUSAL_DELAY``, holding no transaction meanwhile: a client flooding over a few connections
then sends a few attempts a second, not as many as the server can refuse.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from zorgafstemming.counters import rate_limit_refused
from zorgafstemming.identity.models import RateLimitCounter
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import Runtime, UnitOfWork


@dataclass(frozen=True)
class Limit:
    """At most ``max_hits`` per ``window_seconds`` for one subject."""

    name: str
    max_hits: int
    window_seconds: int


LOGIN_PER_IP = Limit("login:ip", 30, 300)
LOGIN_PER_ACCOUNT = Limit("login:account", 10, 300)
LOGIN_GLOBAL = Limit("login:global", 600, 60)
MFA_PER_ACCOUNT = Limit("mfa:account", 5, 300)
ACTIVATION_PER_IP = Limit("activation:ip", 20, 300)
ACTIVATION_PER_TOKEN = Limit("activation:token", 10, 300)
ACTIVATION_GLOBAL = Limit("activation:global", 300, 60)
# Bodies a public route refused unread (too large, nested too deeply), per sending address.
REFUSED_BODY_PER_IP = Limit("refused-body:ip", 10, 300)


class RateLimited(ProblemError, status=429, slug="too-many-requests", title="Too many requests"):
    """Too many attempts; retry after the number of seconds in ``Retry-After``."""


# Rows a shared limit's count is spread over (see the module doc).
SHARDS = 8
# Seconds a refusal waits before it answers (see the module doc); Retry-After is longer anyway.
REFUSAL_DELAY = 1.0
_sleep = asyncio.sleep


@dataclass
class _Tripped:
    """The limits a process saw over, by key: the window they tripped in."""

    windows: dict[str, int] = field(default_factory=dict)

    def wait(self, key: str, limit: Limit, now: float) -> int | None:
        """Seconds to wait when ``key`` tripped in the current window, else None."""
        window = int(now) // limit.window_seconds
        if self.windows.get(key) != window:
            return None
        return _until_next(limit, window, now)

    def add(self, key: str, limit: Limit, now: float) -> None:
        if len(self.windows) >= MAX_TRIPPED:  # a flood from many addresses: start afresh
            self.windows.clear()
        self.windows[key] = int(now) // limit.window_seconds


# Tripped limits a process remembers at most (a memory bound, not a limit on anyone).
MAX_TRIPPED = 4096
# Per database engine, so that two runtimes of one process (tests) never share what they saw.
_tripped: weakref.WeakKeyDictionary[AsyncEngine, _Tripped] = weakref.WeakKeyDictionary()


def _tripped_of(runtime: Runtime) -> _Tripped:
    found = _tripped.get(runtime.engine)
    if found is None:
        found = _tripped[runtime.engine] = _Tripped()
    return found


def _until_next(limit: Limit, window: int, now: float) -> int:
    return max(1, (window + 1) * limit.window_seconds - int(now))


def _key(runtime: Runtime, limit: Limit, subject: str) -> str:
    digest = hmac.new(
        runtime.secrets.session_key, f"ratelimit:{limit.name}:{subject}".encode(), hashlib.sha256
    ).hexdigest()[:40]
    return f"{limit.name}:{digest}"


async def hit(uow: UnitOfWork, limit: Limit, subject: str, *, shards: int = 1) -> int | None:
    """Count one attempt in the unit of work; seconds to wait when over the limit.

    ``shards`` > 1: the attempt is counted on one of that many rows, chosen at random, and the
    limit applies to their sum in the current window (for a limit many clients share).
    """
    runtime, session = uow.runtime, uow.session
    now = runtime.clock().timestamp()
    window = int(now) // limit.window_seconds
    key = _key(runtime, limit, subject)
    tripped = _tripped_of(runtime)
    known = tripped.wait(key, limit, now)
    if known is not None:
        return known
    count = await _count_on(uow, _shard_key(key, secrets.randbelow(shards), shards), window)
    if shards > 1:
        keys = [_shard_key(key, shard, shards) for shard in range(shards)]
        count = int(
            await session.scalar(
                select(func.coalesce(func.sum(RateLimitCounter.count), 0)).where(
                    RateLimitCounter.key.in_(keys), RateLimitCounter.window_start == window
                )
            )
            or 0
        )
    if count > limit.max_hits:
        tripped.add(key, limit, now)
        return _until_next(limit, window, now)
    return None


def _shard_key(key: str, shard: int, shards: int) -> str:
    """The row of ``key`` that counts shard ``shard`` (the key itself when not sharded)."""
    return key if shards == 1 else f"{key}:{shard}"


async def _count_on(uow: UnitOfWork, key: str, window: int) -> int:
    """Add one to the counter row ``key`` in ``window`` (a new window starts at one); its count."""
    session = uow.session
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    base = insert(RateLimitCounter).values(key=key, window_start=window, count=1)
    stmt = base.on_conflict_do_update(
        index_elements=[RateLimitCounter.key],
        set_={
            "count": case(
                (RateLimitCounter.window_start == window, RateLimitCounter.count + 1), else_=1
            ),
            "window_start": window,
        },
    ).returning(RateLimitCounter.count)
    return int((await session.execute(stmt)).scalar_one())


async def enforce(
    runtime: Runtime,
    hits: Sequence[tuple[Limit, str]],
    *,
    then: Sequence[tuple[Limit, str]] = (),
) -> None:
    """Count every (limit, subject) of ``hits`` in one committed transaction, then raise when
    any is over; only when none is, count the shared limits of ``then`` (sharded) as well.

    The counts are committed before raising, so refused attempts keep counting against the
    limits of their own address and account — but never against a shared one. A limit this
    process already saw tripped in its current window refuses before any of it (module doc).
    """
    waits: list[int] = []
    now = runtime.clock().timestamp()
    tripped = _tripped_of(runtime)
    for limit, subject in hits:
        wait = tripped.wait(_key(runtime, limit, subject), limit, now)
        if wait is not None:  # refused as before, without a transaction
            waits.append(wait)
            rate_limit_refused(limit.name)
    if waits:
        await _refuse(waits)
    # A unit of work of its own: the counts must commit even though the attempt is refused.
    async with runtime.unit_of_work() as uow:
        for limit, subject in hits:
            wait = await hit(uow, limit, subject)
            if wait is not None:
                waits.append(wait)
                rate_limit_refused(limit.name)
        if not waits:
            for limit, subject in then:
                wait = await hit(uow, limit, subject, shards=SHARDS)
                if wait is not None:
                    waits.append(wait)
                    rate_limit_refused(limit.name)
    if waits:
        await _refuse(waits)


async def _refuse(waits: Sequence[int]) -> None:
    """Raise :class:`RateLimited` after ``REFUSAL_DELAY`` (called outside any transaction)."""
    await _sleep(REFUSAL_DELAY)
    retry_after = max(waits)
    raise RateLimited(
        "Too many attempts; wait before trying again.",
        headers={"Retry-After": str(retry_after)},
        extra={"retry_after": retry_after},
    )
