"""Rate limits shared by every app instance: fixed-window counters in the database.

Each hit is one atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` (SQLite and PostgreSQL),
so concurrent requests on several instances count exactly. Subjects (IP addresses, email
indexes, token hashes) are HMAC-ed before they become keys.

Backoff: a limit that trips answers 429 with ``Retry-After`` until its window ends. Windows
are short (at most 5 minutes), so a flood against one account keeps its owner out for at most
the rest of the current window after the flood stops.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite

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


def _key(runtime: Runtime, limit: Limit, subject: str) -> str:
    digest = hmac.new(
        runtime.secrets.session_key, f"ratelimit:{limit.name}:{subject}".encode(), hashlib.sha256
    ).hexdigest()[:40]
    return f"{limit.name}:{digest}"


async def hit(uow: UnitOfWork, limit: Limit, subject: str) -> int | None:
    """Count one attempt in the unit of work; seconds to wait when over the limit."""
    runtime, session = uow.runtime, uow.session
    now = runtime.clock().timestamp()
    window = int(now) // limit.window_seconds
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    base = insert(RateLimitCounter).values(
        key=_key(runtime, limit, subject), window_start=window, count=1
    )
    stmt = base.on_conflict_do_update(
        index_elements=[RateLimitCounter.key],
        set_={
            "count": case(
                (RateLimitCounter.window_start == window, RateLimitCounter.count + 1), else_=1
            ),
            "window_start": window,
        },
    ).returning(RateLimitCounter.count)
    count = int((await session.execute(stmt)).scalar_one())
    if count > limit.max_hits:
        return max(1, (window + 1) * limit.window_seconds - int(now))
    return None


async def enforce(runtime: Runtime, hits: list[tuple[Limit, str]]) -> None:
    """Count every (limit, subject) in one committed transaction, then raise when any is over.

    The counts are committed before raising, so refused attempts keep counting.
    """
    waits: list[int] = []
    # A unit of work of its own: the counts must commit even though the attempt is refused.
    async with runtime.unit_of_work() as uow:
        for limit, subject in hits:
            wait = await hit(uow, limit, subject)
            if wait is not None:
                waits.append(wait)
                rate_limit_refused(limit.name)
    if waits:
        retry_after = max(waits)
        raise RateLimited(
            "Too many attempts; wait before trying again.",
            headers={"Retry-After": str(retry_after)},
            extra={"retry_after": retry_after},
        )
