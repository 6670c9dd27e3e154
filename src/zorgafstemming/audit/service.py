"""The one audit function every domain uses (``record``, in the caller's unit of work, failing
closed), plus the retention purge, the DPO's event listing and the family's access log."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, cast

from sqlalchemy import ColumnElement, Table, and_, func, insert, not_, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit import labels
from zorgafstemming.audit.canonical import is_token
from zorgafstemming.audit.models import BODY_COLUMNS, AuditEvent
from zorgafstemming.authz.actions import Action, SystemAction
from zorgafstemming.authz.engine import Decision
from zorgafstemming.db import new_id
from zorgafstemming.logging import get_logger
from zorgafstemming.paging import beyond
from zorgafstemming.problems import ServiceUnavailableError

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork

Outcome = Literal["allowed", "denied", "error"]
OUTCOMES: frozenset[str] = frozenset({"allowed", "denied", "error"})

_log = get_logger("zorgafstemming.audit")
_INSERT_EVENT = insert(cast(Table, AuditEvent.__table__))


class AuditUnavailable(
    ServiceUnavailableError, slug="audit-unavailable", title="Audit trail unavailable"
):
    """The audit event could not be written, so the request must fail and return no data."""

    def __init__(self) -> None:
        super().__init__(
            "The action could not be recorded in the audit trail, so it was not carried out."
        )


@dataclass(frozen=True)
class AuditContext:
    """Who acts and from where, for one request or command. Ids are raw; refs are made here."""

    # uuid.UUID | str | None, typed Any: Litestar validates injected dependencies with msgspec,
    # which refuses a union of two str-like types, and every handler receives this object.
    actor_id: Any = None
    actor_org_id: Any = None
    actor_role: str | None = None
    request_id: str | None = None
    client_ip: str | None = None
    # The @id of the policy that admitted the request at the guard (None outside a request).
    policy_id: str | None = None
    # The request's User-Agent, for the account holder's own security activity only: it is
    # never written into an audit event (nor shown by repr, which may reach a log line).
    user_agent: str | None = field(default=None, repr=False)

    @classmethod
    def system_run(cls, run_id: str, *, policy_id: str) -> AuditContext:
        """The context of a scheduled run (no person acts): ``policy_id`` is the rule that
        decided, e.g. the retention rule a file was purged under."""
        return cls(actor_role="system", request_id=run_id, policy_id=policy_id)


def audit_ref(key: bytes, kind: str, value: uuid.UUID | str) -> str:
    """A stable pseudonymous reference: HMAC-SHA256 over ``kind:value`` under the audit key."""
    message = f"{kind}:{value}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _token(name: str, value: str | None) -> str | None:
    # Refuse free text: a name or a note in an audit field is a bug in the caller.
    if value is not None and not is_token(value):
        raise ValueError(f"audit field {name} must be a short identifier, not free text")
    return value


async def record(
    uow: UnitOfWork,
    ctx: AuditContext,
    action: Action | SystemAction,
    outcome: Outcome,
    *,
    decision: Decision | None = None,
    object_type: str | None = None,
    object_id: uuid.UUID | str | None = None,
    file_id: uuid.UUID | str | None = None,
    categories: Iterable[str] = (),
) -> uuid.UUID:
    """Record one audit event in the unit of work's transaction, or raise ``AuditUnavailable``.

    The one way to write an audit event. The deciding policy is the object-level ``decision``
    when there was one, else the guard's (carried by ``ctx``) — never a literal, never a second
    Cedar call. The caller's transaction must fail as a whole when this raises (the exception
    propagates), so nothing it wrote commits and no data it read is returned: the request answers
    503. A denied event is also kept on the unit of work, so it survives the rollback of the
    refusal that follows it.
    """
    policy_id = decision.policy_id if decision is not None else ctx.policy_id
    cats = "+".join(sorted(set(categories)))  # the audit alphabet has no comma
    values = _event_values(
        uow.runtime.secrets.audit_key,
        ctx,
        action=action.value,
        outcome=outcome,
        at=uow.runtime.clock(),
        object_type=object_type,
        object_id=object_id,
        file_id=file_id,
        data_category=cats[:64] or None,
        policy_id=policy_id,
    )
    await _insert_event(uow.session, values)
    if outcome == "denied":

        async def again(session: AsyncSession) -> None:
            await _insert_event(session, values)

        uow.keep_on_refusal(again)
    return cast(uuid.UUID, values["id"])


async def record_many(
    uow: UnitOfWork,
    ctxs: Sequence[AuditContext],
    action: SystemAction,
    *,
    object_type: str,
    object_ids: Sequence[uuid.UUID],
    file_ids: Sequence[uuid.UUID | None],
) -> list[uuid.UUID]:
    """Record one ``allowed`` event per object of a batch system run, in one statement.

    The same events :func:`record` writes one by one (same values, same fail-closed error), for a
    scheduled run that acts on many objects in one transaction (the retention purge)."""
    at = uow.runtime.clock()
    key = uow.runtime.secrets.audit_key
    rows = [
        _event_values(
            key,
            ctx,
            action=action.value,
            outcome="allowed",
            at=at,
            object_type=object_type,
            object_id=object_id,
            file_id=file_id,
            policy_id=ctx.policy_id,
        )
        for ctx, object_id, file_id in zip(ctxs, object_ids, file_ids, strict=True)
    ]
    if rows:
        await _insert_event(uow.session, rows)
    return [cast(uuid.UUID, row["id"]) for row in rows]


def _event_values(
    key: bytes,
    ctx: AuditContext,
    *,
    action: str,
    outcome: Outcome,
    at: datetime,
    object_type: str | None = None,
    object_id: uuid.UUID | str | None = None,
    file_id: uuid.UUID | str | None = None,
    data_category: str | None = None,
    policy_id: str | None = None,
) -> dict[str, object]:
    if outcome not in OUTCOMES:
        raise ValueError("audit outcome must be allowed, denied or error")
    return {
        "id": new_id(),
        "occurred_at": at,
        "actor_ref": audit_ref(key, "account", ctx.actor_id) if ctx.actor_id else None,
        "actor_org_ref": (
            audit_ref(key, "organisation", ctx.actor_org_id) if ctx.actor_org_id else None
        ),
        "actor_role": _token("actor_role", ctx.actor_role),
        "action": _token("action", action),
        "object_type": _token("object_type", object_type),
        "object_ref": audit_ref(key, object_type or "object", object_id) if object_id else None,
        "file_ref": audit_ref(key, "file", file_id) if file_id else None,
        "data_category": _token("data_category", data_category),
        "outcome": outcome,
        "policy_id": _token("policy_id", policy_id),
        "request_id": _token("request_id", ctx.request_id),
        "client_ref": audit_ref(key, "ip", ctx.client_ip) if ctx.client_ip else None,
    }


async def _insert_event(
    session: AsyncSession, values: dict[str, object] | list[dict[str, object]]
) -> None:
    # Flush the caller's pending objects first, so their errors stay theirs.
    if session.new or session.dirty or session.deleted:
        await session.flush()
    try:
        # A prebuilt Core INSERT on the session's connection: this runs on every request, and
        # the ORM's statement handling costs more than the insert itself.
        connection = await session.connection()
        await connection.execute(_INSERT_EVENT, values)
    except (TimeoutError, SQLAlchemyError, OSError) as exc:
        first = values[0] if isinstance(values, list) else values
        _log.error("audit_append_failed", action=first["action"], error_type=type(exc).__name__)
        raise AuditUnavailable() from exc


async def purge_events_before(uow: UnitOfWork, cutoff: datetime) -> int:
    """Remove the bodies of sealed events that occurred before ``cutoff``; returns how many.

    Ids, sequence numbers, times and leaf hashes stay, so every earlier checkpoint still verifies
    and an export shows the purged events as leaf hashes only. Unsealed events are left for the
    sealer first. The purge's time (``runtime.clock()``) is recorded on each event.
    """
    purged_at = uow.runtime.clock()
    result = await uow.session.execute(
        update(AuditEvent)
        .where(
            AuditEvent.seq.is_not(None),
            AuditEvent.body_purged_at.is_(None),
            AuditEvent.occurred_at < cutoff,
        )
        .values(body_purged_at=purged_at, **dict.fromkeys(BODY_COLUMNS))
        .execution_options(synchronize_session=False)
    )
    count: int = getattr(result, "rowcount", 0)
    return count


@dataclass(frozen=True)
class EventFilter:
    """What the DPO asks for; refs come from ``resolve``, times are UTC."""

    since: datetime | None = None
    until: datetime | None = None
    actor_ref: str | None = None
    actor_org_ref: str | None = None
    file_ref: str | None = None
    object_ref: str | None = None
    action: str | None = None
    outcome: str | None = None
    # The hex a file's short reference stands for (``references.audit_prefix``).
    file_prefix: str | None = None
    group: labels.Group | None = None


# An audit ref: an HMAC-SHA256 in lowercase hex; a short reference stands for its first 10.
_REF_LENGTH = 64
_PREFIX_MIN = 10


def ref_starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """Refs in ``column`` that start with the hex ``prefix``.

    A range on the ref (lowercase hex, and "g" sorts after "f"), which the ref's index serves on
    SQLite and PostgreSQL alike, unlike LIKE under a locale's collation."""
    if not _PREFIX_MIN <= len(prefix) <= _REF_LENGTH or any(
        c not in "0123456789abcdef" for c in prefix
    ):
        raise ValueError("a prefix is lowercase hexadecimal")
    return and_(column >= prefix, column < prefix + "g")


def group_condition(group: labels.Group) -> ColumnElement[bool]:
    """The events an action group of the DPO's filter holds (see ``audit.labels``)."""
    if group == "denied":
        return AuditEvent.outcome == "denied"
    if group == "emergency":
        return or_(
            AuditEvent.policy_id == labels.EMERGENCY_POLICY,
            AuditEvent.action.startswith(labels.EMERGENCY_SCOPE, autoescape=True),
        )
    return AuditEvent.action.in_(labels.actions_in(group))


async def list_events(
    uow: UnitOfWork,
    flt: EventFilter,
    *,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None = None,
) -> list[AuditEvent]:
    """Events matching ``flt``, oldest first, after the keyset cursor ``(occurred_at, id)``."""
    query = select(AuditEvent)
    conditions = []
    if flt.since is not None:
        conditions.append(AuditEvent.occurred_at >= flt.since)
    if flt.until is not None:
        conditions.append(AuditEvent.occurred_at < flt.until)
    for column, value in (
        (AuditEvent.actor_ref, flt.actor_ref),
        (AuditEvent.actor_org_ref, flt.actor_org_ref),
        (AuditEvent.file_ref, flt.file_ref),
        (AuditEvent.object_ref, flt.object_ref),
        (AuditEvent.action, flt.action),
        (AuditEvent.outcome, flt.outcome),
    ):
        if value is not None:
            conditions.append(column == value)
    if flt.file_prefix is not None:
        conditions.append(ref_starts_with(AuditEvent.file_ref, flt.file_prefix))
    if flt.group is not None:
        conditions.append(group_condition(flt.group))
    if after is not None:
        conditions.append(beyond(AuditEvent.occurred_at, AuditEvent.id, after, newest_first=False))
    query = query.where(*conditions).order_by(AuditEvent.occurred_at, AuditEvent.id).limit(limit)
    return list((await uow.session.scalars(query)).all())


async def events_of_file(
    session: AsyncSession,
    key: bytes,
    file_id: uuid.UUID,
    *,
    actor_roles: Iterable[str],
    limit: int,
    after: tuple[datetime, uuid.UUID] | None = None,
    leaving_out: Iterable[tuple[str, datetime, datetime]] = (),
    leaving_out_actions: Iterable[str] = (),
) -> list[Any]:
    """Events about file ``file_id`` by actors in ``actor_roles``, newest first by
    (occurred_at, id), after the keyset cursor ``after`` (who, what, when and the outcome;
    the refs stay refs). ``leaving_out``: (actor ref, from, until) windows whose events are
    left out; ``leaving_out_actions``: actions left out."""
    windows = [
        and_(
            # NULL-safe: an event without an actor is never in a window.
            func.coalesce(AuditEvent.actor_ref, "") == actor,
            AuditEvent.occurred_at >= since,
            AuditEvent.occurred_at <= until,
        )
        for actor, since, until in leaving_out
    ]
    hidden_actions = list(leaving_out_actions)
    query = (
        select(
            AuditEvent.id,
            AuditEvent.occurred_at,
            AuditEvent.actor_ref,
            AuditEvent.actor_org_ref,
            AuditEvent.actor_role,
            AuditEvent.action,
            AuditEvent.outcome,
            AuditEvent.data_category,
            AuditEvent.object_type,
            AuditEvent.request_id,
            AuditEvent.policy_id,
        )
        .where(
            AuditEvent.file_ref == audit_ref(key, "file", file_id),
            AuditEvent.actor_role.in_(list(actor_roles)),
            *([not_(or_(*windows))] if windows else []),
            *(
                [or_(AuditEvent.action.is_(None), AuditEvent.action.not_in(hidden_actions))]
                if hidden_actions
                else []
            ),
        )
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    if after is not None:
        query = query.where(beyond(AuditEvent.occurred_at, AuditEvent.id, after))
    return list((await session.execute(query)).all())
