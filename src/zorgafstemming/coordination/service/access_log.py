"""The family's access log: who at which organisation looked at or changed which part of
their file, and when, read from the audit trail in terms a family member can read."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, audit_ref, events_of_file, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.emergency.access import EMERGENCY_POLICY
from zorgafstemming.coordination.emergency.disclosure import grant_windows, ground_of
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.service.errors import file_not_found
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_page, read_after
from zorgafstemming.runtime import UnitOfWork

Verb = Literal["viewed", "changed", "refused"]
_READ_VERBS = ("read", "list", "view", "export", "check")
# A family does not need its own clicks read back: the log lists what staff did.
STAFF_ROLES = ("social_worker", "admin", "dpo")


@dataclass(frozen=True)
class AccessLogRow:
    """One access to a family's file, in terms a family member can read.

    ``organisation_id`` is None when the organisation is not among those the caller passed (the
    caller says "another organisation"); ``part`` is the data category or kind of object touched.
    """

    id: uuid.UUID  # the audit event's, for the cursor of the next page
    at: datetime
    organisation_id: uuid.UUID | None
    role: str | None
    action: str
    verb: Verb
    part: str | None
    request_id: str | None = None
    # The legal ground when the access was made under an emergency grant (read under policy
    # emergency-read, or the request for the grant itself).
    emergency_ground: str | None = None


@dataclass(frozen=True)
class AccessVisit:
    """One visit to a family's file: the rows of one request, as one line of the log.

    ``verb`` is the strongest of its rows (refused over changed over viewed) and ``parts`` the
    parts it touched, in the order they were first named (None stands for the file itself).
    """

    at: datetime
    organisation_id: uuid.UUID | None
    role: str | None
    verb: Verb
    parts: list[str | None]
    # Set when the visit was made under an emergency grant (see ``AccessLogRow``).
    emergency_ground: str | None = None
    # The action of its first row: the request for an emergency grant reads differently.
    action: str = ""


_VERB_WEIGHT: dict[Verb, int] = {"viewed": 0, "changed": 1, "refused": 2}


def visits_of(rows: Iterable[AccessLogRow]) -> list[AccessVisit]:
    """``rows`` (newest first) gathered per request: opening a file reads it and lists its
    entries, which the family sees as one visit, not two."""
    grouped: dict[str, list[AccessLogRow]] = {}
    for row in rows:
        grouped.setdefault(row.request_id or f"event:{row.id}", []).append(row)
    visits = []
    for members in grouped.values():
        parts: list[str | None] = []
        for row in reversed(members):  # in the order they happened
            if row.part not in parts:
                parts.append(row.part)
        head = members[0]
        visits.append(
            AccessVisit(
                at=head.at,
                organisation_id=head.organisation_id,
                role=head.role,
                verb=max((r.verb for r in members), key=_VERB_WEIGHT.__getitem__),
                parts=parts,
                emergency_ground=next(
                    (r.emergency_ground for r in members if r.emergency_ground), None
                ),
                action=members[-1].action,
            )
        )
    return visits


def _verb(action: str, outcome: str | None) -> Verb:
    if outcome != "allowed":
        return "refused"
    last = action.rsplit(":", 1)[-1]
    return "viewed" if last in _READ_VERBS else "changed"


async def access_log_for(
    session: AsyncSession,
    key: bytes,
    file_id: uuid.UUID,
    *,
    organisation_ids: Iterable[uuid.UUID] = (),
    roles: Iterable[str] = STAFF_ROLES,
    limit: int = 100,
    after: tuple[datetime, uuid.UUID] | None = None,
    now: datetime | None = None,
) -> list[AccessLogRow]:
    """Who touched file ``file_id`` and when, newest first by (time, event id), after the
    keyset cursor ``after``, for the family's access log.

    Only events by the given staff ``roles`` are listed. Pass the file's participant
    organisations as ``organisation_ids`` so each row can name its organisation; the caller
    resolves ids to names.
    """
    org_by_ref = {audit_ref(key, "organisation", org_id): org_id for org_id in organisation_ids}
    # Emergency access is shown from the moment the family is told (disclosure), marked; the
    # DPO's review of it is oversight, not an access to the family's data.
    windows = await grant_windows(session, key, file_id, now or datetime.now(UTC))
    rows = await events_of_file(
        session,
        key,
        file_id,
        actor_roles=roles,
        limit=limit,
        after=after,
        leaving_out=[(w.actor_ref, w.since, w.until) for w in windows if not w.told],
        leaving_out_actions=[Action.EMERGENCY_GRANT_REVIEW.value],
    )
    return [
        AccessLogRow(
            id=row.id,
            at=row.occurred_at,
            organisation_id=org_by_ref.get(row.actor_org_ref or ""),
            role=row.actor_role,
            action=row.action or "",
            verb=_verb(row.action or "", row.outcome),
            part=row.data_category or row.object_type,
            request_id=row.request_id,
            emergency_ground=(
                ground_of(windows, row.actor_ref, row.occurred_at)
                if row.policy_id == EMERGENCY_POLICY
                or row.action == Action.EMERGENCY_GRANT_REQUEST.value
                else None
            ),
        )
        for row in rows
    ]


async def organisation_names(session: AsyncSession) -> dict[uuid.UUID, str]:
    """Every organisation's name by id, to name the organisations in a log."""
    rows = await session.execute(select(Organisation.id, Organisation.name))
    return {row.id: row.name for row in rows}


async def family_access_log(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    limit: int,
    after: str | None = None,
) -> tuple[list[AccessLogRow], dict[uuid.UUID, str], str | None]:
    """The access log of a file the signed-in family member belongs to, newest first,
    ``limit`` rows after the cursor ``after``, with the names of the organisations in it and
    the cursor of the next page; any other file answers 404, exactly as one that does not
    exist."""
    position = read_after(after)
    member = await uow.session.scalar(
        select(Member.id)
        .join(CoordinationFile, CoordinationFile.id == Member.file_id)
        .where(
            Member.file_id == file_id,
            Member.account_id == principal.account_id,
            Member.ended_at.is_(None),  # a member who left reaches the file no more
            CoordinationFile.status != "purged",
        )
        .limit(1)
    )
    outcome: Literal["allowed", "denied"] = "allowed" if member else "denied"
    rows: list[AccessLogRow] = []
    names: dict[uuid.UUID, str] = {}
    next_cursor: str | None = None
    if member is not None:
        names = await organisation_names(uow.session)
        fetched = await access_log_for(
            uow.session,
            uow.runtime.secrets.audit_key,
            file_id,
            organisation_ids=names,
            limit=limit + 1,
            after=position,
            now=uow.runtime.clock(),
        )
        rows, next_cursor = one_page(fetched, limit, lambda r: (r.at, r.id))
    await record(
        uow,
        ctx,
        Action.FAMILY_ACCESS_LOG_READ,
        outcome,
        object_type="access_log",
        object_id=file_id,
        file_id=file_id,
    )
    if member is None:
        raise file_not_found()
    return rows, names, next_cursor
