"""What the family portal shows of objection: the objections about the caller (and the children
they represent) with the lead's decision, and what they may object to now.

A family member may object, for themselves (12 or older) or a child under 12 they represent, to
a consent in force (or about to start) on a statutory basis (``dijh_art74``) that covers that
person, once at a time: while an objection about it waits, it is not offered again. A consent
the family gave (legal basis ``consent``) is listed apart: the family withdraws it instead.
Raising the objection itself is :func:`objections.raise_objection`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import family_rules
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.restriction import rules
from zorgafstemming.coordination.restriction.models import Objection
from zorgafstemming.coordination.restriction.objections import (
    OBJECT_LIST,
    objection_view,
    with_texts,
)
from zorgafstemming.coordination.restriction.schemas import ObjectionOut
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.family_consent_views import (
    FamilyContext,
    consent_extras,
    file_members,
    organisation_names,
    state_for,
    visible_to,
)
from zorgafstemming.coordination.service.gate import settle
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

# A family has a handful of objections; the page shows the newest this many.
SHOWN = 100
# The states of a consent (for the caller) in which it may still be objected to.
_OBJECTABLE_STATES = ("in_force", "scheduled")


@dataclass(frozen=True)
class ConsentSummary:
    """A consent as the portal names it in a choice: its file, from when, for which
    organisations."""

    file_id: uuid.UUID
    file_reference: str
    consent_id: uuid.UUID
    valid_from: datetime
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class ObjectionTarget:
    """Something the caller may object to now: one person's part of a statute-based consent."""

    consent: ConsentSummary
    member_id: uuid.UUID
    given_name: str
    is_self: bool


@dataclass(frozen=True)
class FamilyObjection:
    """An objection about the caller or a child they represent, with the lead's decision."""

    objection: ObjectionOut
    given_name: str
    consent: ConsentSummary | None


@dataclass
class FamilyObjections:
    """The portal's page of objection: the objections (newest first), what may be objected to
    now, and the consents in force the family withdraws instead."""

    items: list[FamilyObjection] = field(default_factory=list)
    targets: list[ObjectionTarget] = field(default_factory=list)
    withdrawable: list[ConsentSummary] = field(default_factory=list)


@dataclass
class _FileSide:
    """One file the caller belongs to, as far as this page needs it."""

    key: DataKey
    speaks_for: frozenset[uuid.UUID]
    viewer: uuid.UUID
    consents: dict[uuid.UUID, ConsentSummary] = field(default_factory=dict)


async def _given_names(
    uow: UnitOfWork, sides: dict[uuid.UUID, _FileSide], member_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, str]:
    ids = sorted(set(member_ids))
    if not ids:
        return {}
    rows = await uow.session.execute(
        select(Member.id, Member.file_id, Member.given_name_enc).where(Member.id.in_(ids))
    )
    cipher = uow.runtime.cipher
    return {
        r.id: cipher.decrypt(
            sides[r.file_id].key,
            table="members",
            column="given_name_enc",
            row_id=r.id,
            blob=r.given_name_enc,
        )
        for r in rows
        if r.file_id in sides
    }


async def _file_side(
    uow: UnitOfWork, membership: Any, found: FamilyObjections, open_ones: set[tuple[Any, Any]]
) -> _FileSide | None:
    """Read one file's consents for the caller: fill in ``found``'s targets and withdrawable
    consents (of an open file) and return what the objection list needs."""
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    file_id = membership.file_id
    facts = await load_facts(session, cipher, file_id, None)
    if facts is None:
        return None
    await settle(uow, facts)  # expiry is decided at read time, for every reader
    key = facts.key or await cipher.key_for(session, FILE_OWNER, file_id)
    members = await file_members(uow, file_id, key)
    viewer = members[membership.id]
    speaks = family_rules.spoken_for(viewer, members, members, now)
    side = _FileSide(key, speaks, viewer.id)
    ctx = FamilyContext(viewer, members, visible_to(viewer, members, now), now)
    extras = await consent_extras(uow, (c.id for c in facts.consents))
    names = await organisation_names(uow, (o for c in facts.consents for o in c.recipients))
    reference = file_reference(uow.runtime.secrets.audit_key, file_id)
    for consent in facts.consents:
        summary = ConsentSummary(
            file_id,
            reference,
            consent.id,
            consent.valid_from,
            tuple(sorted(names.get(o, "") for o in consent.recipients)),
        )
        side.consents[consent.id] = summary
        ours = consent.members & speaks
        if facts.status != "open" or not ours:
            continue
        if state_for(ctx, consent, extras) not in _OBJECTABLE_STATES:
            continue
        legal_basis = str(facts.records[consent.id]["legal_basis"])
        if rules.withdrawable_by_family(legal_basis):
            found.withdrawable.append(summary)
        elif rules.open_to_objection(legal_basis):
            found.targets.extend(
                ObjectionTarget(summary, member, "", member == viewer.id)
                for member in sorted(ours)
                if (consent.id, member) not in open_ones
            )
    return side


async def family_objections(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext
) -> FamilyObjections:
    """The caller's objections (about themselves or a child they represent, or raised by them),
    newest first by (raised_at, id), and what they may object to now, per file they belong to;
    every statement runs in the caller's unit of work."""
    found = FamilyObjections()
    mine = await memberships(uow, principal.account_id)
    file_ids = [m.file_id for m in mine]
    rows: list[Objection] = []
    if file_ids:
        rows = list(
            await uow.session.scalars(
                with_texts(
                    select(Objection)
                    .where(Objection.file_id.in_(file_ids))
                    .order_by(Objection.raised_at.desc(), Objection.id.desc())
                )
            )
        )
    open_ones = {(r.consent_id, r.member_id) for r in rows if r.outcome is None}
    sides: dict[uuid.UUID, _FileSide] = {}
    for membership in mine:
        side = await _file_side(uow, membership, found, open_ones)
        if side is not None:
            sides[membership.file_id] = side
    shown = [
        r
        for r in rows
        if r.file_id in sides
        and (
            r.member_id in sides[r.file_id].speaks_for
            or r.member_id == sides[r.file_id].viewer
            or r.raised_by_account_id == principal.account_id
        )
    ][:SHOWN]
    names = await _given_names(
        uow, sides, [r.member_id for r in shown] + [t.member_id for t in found.targets]
    )
    found.items = [
        FamilyObjection(
            objection_view(uow, r, sides[r.file_id].key),
            names.get(r.member_id, ""),
            sides[r.file_id].consents.get(r.consent_id),
        )
        for r in shown
    ]
    found.targets = sorted(
        (
            ObjectionTarget(t.consent, t.member_id, names.get(t.member_id, ""), t.is_self)
            for t in found.targets
        ),
        key=lambda t: (t.consent.file_reference, t.consent.valid_from, not t.is_self, t.given_name),
    )
    await record(uow, ctx, Action.FAMILY_OBJECTION_LIST, "allowed", object_type=OBJECT_LIST)
    return found
