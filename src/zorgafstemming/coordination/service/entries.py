"""The journal of a file: writing an entry and listing the entries the consent covers."""

from __future__ import annotations

import uuid
from typing import cast

from sqlalchemy import insert, select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.emergency.access import coverage as emergency_coverage
from zorgafstemming.coordination.models import Entry, EntryMember, Member
from zorgafstemming.coordination.schemas import EntryIn, EntryPage, EntryView
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import ConsentRequired, file_not_found
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.views import annotations_of, entry_rows, entry_view
from zorgafstemming.coordination.vocabulary import Vocabulary, vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.runtime import UnitOfWork

OWN_STATEMENT = "own_statement"


async def add_entry(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: EntryIn
) -> EntryView:
    """Write a journal entry; the consent must cover its category and every member it is about."""
    vocab = vocabulary()
    kind = vocab.entry_kinds.get(data.kind)
    errors: list[dict[str, str]] = []
    if kind is None:
        errors.append(field_error("kind", "unknown entry kind"))
    elif data.kind == OWN_STATEMENT:
        # Only the youth writes their own statement, in the family portal.
        errors.append(field_error("kind", "written by the youth in the family portal"))
    category = data.category or (kind.default_category if kind else "")
    if kind is not None and category not in kind.categories:
        errors.append(field_error("category", "not a category of this entry kind"))
    if len(set(data.about)) != len(data.about):
        errors.append(field_error("about", "names a member twice"))
    errors += reason_errors(data, vocab)
    raise_if(errors)
    assert kind is not None
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_ENTRY_CREATE, file_id)
    facts = await gate.open_facts("The file is closed; no new entries.", categories=[category])
    # A member whose membership ended is no longer written about (older entries stay).
    known = set(
        await uow.session.scalars(
            select(Member.id).where(Member.file_id == file_id, Member.ended_at.is_(None))
        )
    )
    unknown = [i for i, m in enumerate(data.about) if m not in known]
    assert principal.organisation_id is not None
    if unknown:
        problem = invalid(
            "The entry names people who are not members of this file.",
            [field_error(f"about[{i}]", "no such member") for i in unknown],
        )
        await gate.refuse(problem, categories=[category])
    await gate.refuse_if_restricted(principal, data.about)
    if not gate.allowed or not rules.covers(
        facts.consents,
        facts.members,
        organisation=principal.organisation_id,
        purpose=kind.purpose,
        category=category,
        member_ids=data.about,
        at=uow.runtime.clock(),
    ):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this category for every member the entry is about."
            ),
            categories=[category],
        )
    assert facts.key is not None
    view = await _store_entry(uow, principal, facts.key, file_id, data, category)
    await gate.allow(categories=[category])
    return view


def reason_errors(data: EntryIn, vocab: Vocabulary) -> list[dict[str, str]]:
    """A confidential entry names a reason a worker may choose; any other entry names none."""
    if not data.confidential:
        if data.confidential_reason is None:
            return []
        return [field_error("confidential_reason", "only a confidential entry has a reason")]
    if data.confidential_reason is None:
        return [field_error("confidential_reason", "a confidential entry needs a reason")]
    reason = vocab.confidential_reasons.get(data.confidential_reason)
    if reason is None or not reason.selectable:
        return [field_error("confidential_reason", "unknown reason")]
    return []


async def _store_entry(
    uow: UnitOfWork,
    principal: Principal,
    key: DataKey,
    file_id: uuid.UUID,
    data: EntryIn,
    category: str,
) -> EntryView:
    entry_id = new_id()
    now = uow.runtime.clock()
    assert principal.organisation_id is not None
    body = uow.runtime.cipher.encrypt(
        key, table="entries", column="body_enc", row_id=entry_id, value=data.body
    )
    await uow.session.execute(
        insert(Entry).values(
            id=entry_id,
            file_id=file_id,
            kind=data.kind,
            category=category,
            confidential=data.confidential,
            confidential_reason=data.confidential_reason,
            body_enc=body,
            author_account_id=principal.account_id,
            author_organisation_id=principal.organisation_id,
            created_at=now,
        )
    )
    await uow.session.execute(
        insert(EntryMember), [{"entry_id": entry_id, "member_id": m} for m in data.about]
    )
    return EntryView(
        id=entry_id,
        kind=data.kind,
        category=category,
        about=list(data.about),
        body=data.body,
        confidential=data.confidential,
        author_organisation_id=principal.organisation_id,
        created_at=now,
        confidential_reason=data.confidential_reason,
    )


async def list_entries(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> EntryPage:
    """The journal as the caller may see it, oldest first (ordered by id, which is
    time-ordered), ``limit`` entries looked at after the cursor ``after``: entries whose
    category and members the consent covers; the categories of the others are listed as
    withheld (so a page may hold fewer items than ``limit`` and still have a ``next``)."""
    position = read_after_id(after)
    vocab = vocabulary()
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_ENTRY_LIST, file_id)
    facts = gate.facts
    if facts is None or not gate.allowed or facts.key is None:
        await gate.refuse(file_not_found())
    now = uow.runtime.clock()
    assert principal.organisation_id is not None
    per_purpose = (
        emergency_coverage(gate.emergency, facts.members, vocab)
        if gate.emergency is not None
        else {
            purpose: rules.covered_categories(
                facts.consents,
                facts.members,
                organisation=principal.organisation_id,
                purpose=purpose,
                at=now,
            )
            for purpose in vocab.purposes
        }
    )
    fetched, about = await entry_rows(uow.session, file_id, after=position, limit=limit + 1)
    rows, next_cursor = one_id_page(fetched, limit, lambda row: cast(uuid.UUID, row.id))
    items: list[EntryView] = []
    shown: set[str] = set()
    withheld: set[str] = set()
    notes = await annotations_of(uow.session, file_id, (row.id for row in rows))
    for row in rows:
        kind = vocab.entry_kinds.get(row.kind)
        per_member = per_purpose.get(kind.purpose if kind else "", {})
        members = about.get(row.id, [])
        if members and all(row.category in per_member.get(m, ()) for m in members):
            items.append(
                entry_view(
                    uow.runtime.cipher, facts.key, row, sorted(members), notes.get(row.id, ())
                )
            )
            shown.add(row.category)
        else:
            withheld.add(row.category)
    await gate.allow(categories=shown)
    return EntryPage(
        items=items,
        next=next_cursor,
        withheld_categories=sorted(withheld),
    )
