"""Keeping a file's member list current, for staff: the lead adds a member (a newborn, a new
partner of a parent, …) and ends a membership. Corrections are ``member_corrections``.

Who: the lead organisation's assigned workers (policy ``lead-keeps-member-list``). The lead is
the file's coordination point and the family's contact: a change to who the file is about is
made there, once, rather than by every partner on its own.

A member added is covered by no consent until one names them: partners (the lead included)
see them only as a member they may not see, until the family gives a consent for them.

A membership that ended keeps its row (and its correction history) until the file's retention
ends. What changes, exactly:

* partners' file views leave the member out entirely, not even as a member they may not see
  (``files.file_view``); their fields are no longer corrected (404) and no new journal entry
  is written about them (``entries.add_entry``: "no such member");
* what stays: journal entries written earlier that are about them (shown under the same
  consent rules, the member no longer named), and the consents that name them (their coverage
  is unchanged, so ending a membership never widens or narrows another member's access);
* the family portal still shows the member's own data to themselves and to a parent of a child
  under 12 (the right of access holds while the data is kept).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.member_schemas import MemberAdd, MemberEnded, MemberEndIn
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired, ForbiddenLead
from zorgafstemming.coordination.service.facts import FILE_OWNER, FileFacts
from zorgafstemming.coordination.service.gate import Gate, gate_for
from zorgafstemming.coordination.service.name_index import index_member_name
from zorgafstemming.coordination.service.views import hidden_member
from zorgafstemming.coordination.vocabulary import MEMBER_FIELDS, vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

INSZ_INDEX = "members.insz"
OBJECT_MEMBER = "member"


def member_not_found() -> NotFoundError:
    """A member that is not (or no longer) in the file, or that the caller may not see."""
    return NotFoundError("No such member.")


def value_errors(values: dict[str, Any], now: datetime) -> list[dict[str, str]]:
    """The errors of member field values as given (names not blank, a birth date in the past
    and after 1900, a valid national number); messages never repeat the value."""
    errors: list[dict[str, str]] = []
    for name in ("given_name", "family_name"):
        if name in values and not str(values[name]).strip():
            errors.append(field_error(name, "may not be blank"))
    born = values.get("birth_date")
    if isinstance(born, date):
        if born > rules.local_date(now):
            errors.append(field_error("birth_date", "lies in the future"))
        elif born.year < 1900:
            errors.append(field_error("birth_date", "before 1900"))
    insz = values.get("insz")
    if insz is not None:
        try:
            rules.normalise_insz(str(insz))
        except rules.InvalidInsz:
            errors.append(field_error("insz", "not a valid national number"))
    return errors


def stored_value(name: str, value: Any) -> str | None:
    """A member field as it is encrypted: names trimmed, dates ISO 8601, national numbers
    normalised (the checks ran before)."""
    if value is None:
        return None
    if name == "birth_date":
        return str(value.isoformat())
    if name == "insz":
        return rules.normalise_insz(str(value))
    if name in ("given_name", "family_name"):
        return str(value).strip()
    return str(value)


def encrypt_field(
    cipher: FieldCipher, key: DataKey, member_id: uuid.UUID, name: str, value: str | None
) -> bytes | None:
    """The member field ``name`` encrypted for its row and column (None stays None)."""
    if value is None:
        return None
    return cipher.encrypt(key, table="members", column=f"{name}_enc", row_id=member_id, value=value)


async def index_insz(
    session: AsyncSession,
    cipher: FieldCipher,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    insz: str | None,
) -> None:
    """Keep the national number's blind index in step with the member's value."""
    if insz is None:
        await cipher.remove_blind_index(session, column=INSZ_INDEX, subject_id=member_id)
    else:
        await cipher.put_blind_index(
            session,
            owner_kind=FILE_OWNER,
            owner_id=file_id,
            column=INSZ_INDEX,
            subject_id=member_id,
            value=insz,
        )


async def _lead_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
) -> tuple[Gate, FileFacts]:
    """The gate of a lead-only change to the member list, refused unless the caller may make
    it (404 for a file they may not see, 403 for a partner that does not lead)."""
    gate = await gate_for(
        uow,
        principal,
        ctx,
        action,
        file_id,
        lock=True,
        object_type=OBJECT_MEMBER,
        object_id=member_id,
    )
    facts = await gate.open_facts("The file is closed.")
    if facts.lead != principal.organisation_id:
        await gate.refuse(ForbiddenLead("Only the lead organisation changes the member list."))
    if not gate.allowed:
        await gate.refuse(ConsentRequired("No consent in force covers your organisation."))
    return gate, facts


async def add_member(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: MemberAdd
) -> MemberView:
    """Add a member to an open file (lead only). Their fields are encrypted under the file's
    key, the national number gets its blind index; no consent covers them yet, so the answer
    (like every partner's view) shows them as a member the caller may not see."""
    member_id = new_id()
    action = Action.COORDINATION_MEMBER_ADD
    gate, facts = await _lead_gate(uow, principal, ctx, action, file_id, member_id)
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    given = {name: getattr(data, name) for name in MEMBER_FIELDS}
    errors = value_errors(given, now)
    plain = {} if errors else {name: stored_value(name, v) for name, v in given.items()}
    if plain.get("insz") is not None and await _insz_taken(uow, facts, str(plain["insz"])):
        errors.append(field_error("insz", "already a member of this file"))
    if errors:
        await gate.refuse(invalid("The member's details break a rule.", errors))
    key = facts.key or await cipher.key_for(session, FILE_OWNER, file_id)
    values: dict[str, Any] = {
        f"{name}_enc": encrypt_field(cipher, key, member_id, name, value)
        for name, value in plain.items()
    }
    await session.execute(
        insert(Member).values(
            id=member_id, file_id=file_id, role=data.role.value, created_at=now, **values
        )
    )
    await index_insz(session, cipher, file_id, member_id, plain.get("insz"))
    await index_member_name(uow, file_id, member_id, data.family_name, data.birth_date)
    vocab = vocabulary()
    await gate.allow(
        categories={vocab.category_of_field(n) for n, v in plain.items() if v is not None}
    )
    return hidden_member(member_id)


async def _insz_taken(uow: UnitOfWork, facts: FileFacts, insz: str) -> bool:
    """Whether a member of this file already has this national number (blind index, confirmed
    by decrypting: the digest is truncated)."""
    session, cipher = uow.session, uow.runtime.cipher
    candidates = [
        subject
        for kind, owner, subject in await cipher.lookup(session, column=INSZ_INDEX, value=insz)
        if kind == FILE_OWNER and owner == facts.file_id
    ]
    if not candidates:
        return False
    key = facts.key or await cipher.key_for(session, FILE_OWNER, facts.file_id)
    rows = await session.execute(
        select(Member.id, Member.insz_enc).where(
            Member.id.in_(candidates), Member.ended_at.is_(None)
        )
    )
    return any(
        row.insz_enc is not None
        and cipher.decrypt(
            key, table="members", column="insz_enc", row_id=row.id, blob=row.insz_enc
        )
        == insz
        for row in rows
    )


async def end_membership(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    data: MemberEndIn,
) -> MemberEnded:
    """End a member's membership (lead only): partners no longer see them; their data stays
    until the file's retention ends. The file keeps at least one member."""
    action = Action.COORDINATION_MEMBER_END
    gate, _ = await _lead_gate(uow, principal, ctx, action, file_id, member_id)
    session, now = uow.session, uow.runtime.clock()
    ended = await session.scalar(
        select(Member.ended_at).where(Member.id == member_id, Member.file_id == file_id)
    )
    exists = await session.scalar(
        select(func.count()).where(Member.id == member_id, Member.file_id == file_id)
    )
    if not exists:
        await gate.refuse(member_not_found())
    if ended is not None:
        await gate.refuse(ConflictError("The membership has ended already."))
    others = await session.scalar(
        select(func.count()).where(
            Member.file_id == file_id, Member.id != member_id, Member.ended_at.is_(None)
        )
    )
    if not others:
        await gate.refuse(ConflictError("A file keeps at least one member."))
    await session.execute(
        update(Member)
        .where(Member.id == member_id, Member.ended_at.is_(None))
        .values(ended_at=now, end_reason=data.reason)
    )
    await gate.allow()
    return MemberEnded(member_id=member_id, ended_at=now, reason=data.reason)
