"""Correcting a member's fields, and the family's history of those corrections.

A partner corrects only what it may see: every field changed must belong to a category that a
consent in force covers for that member and the caller's organisation (``vocabulary.toml``
``member_fields``). The old and the new value are kept encrypted under the file's data key in
``member_corrections``; the family sees them in the portal (old → new, when, why, by which
organisation). Each request leaves one audit event listing the categories it touched.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from msgspec import UNSET
from sqlalchemy import insert, select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.member_models import MemberCorrection
from zorgafstemming.coordination.member_schemas import (
    CorrectionPage,
    CorrectionView,
    MemberCorrected,
    MemberCorrectionIn,
)
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired, file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER, member_facts
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.family_notices import tell_family
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.members import (
    OBJECT_MEMBER,
    encrypt_field,
    index_insz,
    member_not_found,
    stored_value,
    value_errors,
)
from zorgafstemming.coordination.service.name_index import index_member_name
from zorgafstemming.coordination.service.recipients import RECTIFIED, tell_recipients
from zorgafstemming.coordination.service.views import member_rows, member_view
from zorgafstemming.coordination.vocabulary import MEMBER_FIELDS, vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.rights import links
from zorgafstemming.rights.links import RECTIFICATION, RECTIFIED_NOTE
from zorgafstemming.runtime import UnitOfWork

TABLE = "member_corrections"
CAPACITY_SHIFT = (
    "This correction changes who consents for this member (their 12th birthday moves across"
    " today or a consent); the data protection officer must handle it."
)


def _decrypt(
    cipher: FieldCipher, key: DataKey, table: str, column: str, row_id: uuid.UUID, blob: Any
) -> str | None:
    if blob is None:
        return None
    return cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=blob)


async def correct_member(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    data: MemberCorrectionIn,
) -> MemberCorrected:
    """Correct the fields given in ``data`` with a reason; the old values go to the history.

    404 for a member the caller may not see (or that left the file); 422 ``consent-required``
    when a field's category is not covered for the caller's organisation.
    """
    action = Action.COORDINATION_MEMBER_CORRECT
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
    if gate.visible:
        await gate.refuse_if_restricted(principal, [member_id])
    vocab = vocabulary()
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    given = {n: getattr(data, n) for n in MEMBER_FIELDS if getattr(data, n) is not UNSET}
    wanted = {vocab.category_of_field(n) for n in given}
    org = principal.organisation_id
    assert org is not None
    purpose = vocab.purpose_of(action.value)
    covered = rules.covered_categories(
        facts.consents, facts.members, organisation=org, purpose=purpose, at=now
    ).get(member_id)
    rows = await member_rows(session, file_id, [member_id])
    if not rows or rows[0].ended_at is not None or covered is None:
        await gate.refuse(member_not_found(), categories=wanted)
    if not gate.allowed or not wanted <= covered:
        await gate.refuse(
            ConsentRequired("No consent in force covers these fields for your organisation."),
            categories=wanted,
        )
    errors = value_errors(given, now)
    if not given:
        errors.append(field_error("reason", "name at least one field to correct"))
    if errors:
        await gate.refuse(invalid("The correction breaks a rule.", errors), categories=wanted)
    born = given.get("birth_date")
    if isinstance(born, date) and rules.correction_shifts_capacity(
        member_id, facts.members[member_id].birth_date, born, facts.consents, now
    ):
        problem = invalid(CAPACITY_SHIFT, [field_error("birth_date", CAPACITY_SHIFT)])
        await gate.refuse(problem, categories=wanted)
    claimed = None
    if data.request_id is not None:
        try:
            claimed = await links.claim(
                uow,
                data.request_id,
                file_id=file_id,
                kinds=RECTIFICATION,
                members=[member_id],
                handled_by=principal,
            )
        except ValidationFailed as problem:
            await gate.refuse(problem, categories=wanted)
    row = rows[0]
    key = facts.key or await cipher.key_for(session, FILE_OWNER, file_id)
    changed: dict[str, str | None] = {}
    history = []
    for name, value in given.items():
        new = stored_value(name, value)
        old = _decrypt(
            cipher, key, "members", f"{name}_enc", member_id, getattr(row, f"{name}_enc")
        )
        if new == old:
            continue
        changed[name] = new
        correction_id = new_id()
        history.append(
            {
                "id": correction_id,
                "file_id": file_id,
                "member_id": member_id,
                "field": name,
                "category": vocab.category_of_field(name),
                "reason": data.reason,
                "old_value_enc": _encrypt(cipher, key, "old_value_enc", correction_id, old),
                "new_value_enc": _encrypt(cipher, key, "new_value_enc", correction_id, new),
                "note_enc": _encrypt(cipher, key, "note_enc", correction_id, data.note),
                "corrected_at": now,
                "corrected_by_account_id": principal.account_id,
                "corrected_by_organisation_id": org,
                "request_id": data.request_id,
            }
        )
    if claimed is not None and not changed:
        # Nothing written yet: the request stays open for a correction that changes something,
        # or for a refusal with a reason.
        await gate.refuse(links.answers_nothing(), categories=wanted)
    if changed:
        await session.execute(
            update(Member)
            .where(Member.id == member_id)
            .values(
                **{
                    f"{n}_enc": encrypt_field(cipher, key, member_id, n, v)
                    for n, v in changed.items()
                }
            )
        )
        await session.execute(insert(MemberCorrection), history)
        if "insz" in changed:
            await index_insz(session, cipher, file_id, member_id, changed["insz"])
        await tell_family(
            uow,
            file_id,
            key,
            covered=[member_id],
            kind="member_corrected",
            consent_id=None,
            actor_organisation_id=org,
        )
        # Art. 19: the organisations that read this member's data hear it was rectified.
        await tell_recipients(
            uow, file_id, RECTIFIED, about=("member", member_id), leaving_out=[org]
        )
    if claimed is not None:
        await links.complete(uow, principal, ctx, claimed, "answer", RECTIFIED_NOTE)
    after = (await member_rows(session, file_id, [member_id]))[0]
    if {"family_name", "birth_date"} & changed.keys():
        # The name index follows the corrected name or birth year (search finds the new one).
        current = _decrypt(
            cipher, key, "members", "family_name_enc", member_id, after.family_name_enc
        )
        born = _decrypt(cipher, key, "members", "birth_date_enc", member_id, after.birth_date_enc)
        if current is not None and born is not None:
            await index_member_name(uow, file_id, member_id, current, date.fromisoformat(born))
    await gate.allow(categories=wanted)
    return MemberCorrected(
        member=member_view(cipher, key, after, covered, vocab), corrected_fields=sorted(changed)
    )


def _encrypt(
    cipher: FieldCipher, key: DataKey, column: str, row_id: uuid.UUID, value: str | None
) -> bytes | None:
    if value is None:
        return None
    return cipher.encrypt(key, table=TABLE, column=column, row_id=row_id, value=value)


async def family_corrections(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> CorrectionPage:
    """The corrections of the data the signed-in family member sees in the file (their own,
    and of the children under 12 they represent), newest first."""
    action = Action.FAMILY_CORRECTION_LIST
    position = read_after(after)
    gate, mine = await member_gate(uow, principal, ctx, action, file_id)
    if not mine or not gate.allowed:
        await gate.refuse(file_not_found())
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    rows_of = {r.id: r for r in await member_rows(session, file_id)}
    people = {
        r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows_of.values()
    }
    visible = rules.family_visible_members(people[mine[0].id], people.values(), now)
    named = {
        m: " ".join(
            _decrypt(cipher, key, "members", f"{n}_enc", m, getattr(rows_of[m], f"{n}_enc")) or ""
            for n in ("given_name", "family_name")
        )
        for m in visible
    }
    stmt = (
        select(
            MemberCorrection.id,
            MemberCorrection.member_id,
            MemberCorrection.field,
            MemberCorrection.category,
            MemberCorrection.reason,
            MemberCorrection.old_value_enc,
            MemberCorrection.new_value_enc,
            MemberCorrection.note_enc,
            MemberCorrection.corrected_at,
            MemberCorrection.corrected_by_organisation_id,
        )
        .where(
            MemberCorrection.file_id == file_id,
            MemberCorrection.member_id.in_(list(visible)),
        )
        .order_by(MemberCorrection.corrected_at.desc(), MemberCorrection.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(MemberCorrection.corrected_at, MemberCorrection.id, position))
    rows, next_cursor = one_page(
        (await session.execute(stmt)).all(), limit, lambda r: (r.corrected_at, r.id)
    )
    items = [
        CorrectionView(
            id=r.id,
            member_id=r.member_id,
            member_name=named[r.member_id],
            field=r.field,
            reason=r.reason,
            note=_decrypt(cipher, key, TABLE, "note_enc", r.id, r.note_enc),
            old_value=_decrypt(cipher, key, TABLE, "old_value_enc", r.id, r.old_value_enc),
            new_value=_decrypt(cipher, key, TABLE, "new_value_enc", r.id, r.new_value_enc),
            corrected_at=r.corrected_at,
            corrected_by_organisation_id=r.corrected_by_organisation_id,
        )
        for r in rows
    ]
    # The names of the people concerned are identity data, read whenever there is a row.
    categories = {r.category for r in rows} | ({"identity"} if rows else set())
    await gate.allow(categories=categories)
    return CorrectionPage(items=items, next=next_cursor)
