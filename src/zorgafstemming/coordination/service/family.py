"""The family portal: a family member's files and what they may see of one (the consent steps
are in ``family_consents``, the export in ``family_export``)."""

from __future__ import annotations

import uuid
from typing import Any, cast

from sqlalchemy import select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.family_schemas import (
    FamilyFilePage,
    FamilyFileSummary,
    FamilyFileView,
)
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.service.contacts import family_contact
from zorgafstemming.coordination.service.errors import file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts, member_facts
from zorgafstemming.coordination.service.family_consent_views import (
    FamilyContext,
    family_consent_views,
)
from zorgafstemming.coordination.service.gate import Gate, decide, settle
from zorgafstemming.coordination.service.views import (
    annotations_of,
    consent_events,
    entry_rows,
    entry_view,
    member_rows,
    member_view,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.runtime import UnitOfWork


async def memberships(
    uow: UnitOfWork,
    account_id: uuid.UUID,
    file_id: uuid.UUID | None = None,
    *,
    after: uuid.UUID | None = None,
    limit: int | None = None,
) -> list[Any]:
    """The member rows of a family account (in one file, or all) whose membership has not
    ended, files not purged, by file
    id (an account is a member of a file at most once): ``limit`` of them after file
    ``after`` when given."""
    stmt = (
        select(
            Member.id,
            Member.file_id,
            CoordinationFile.status,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
        )
        .join(CoordinationFile, CoordinationFile.id == Member.file_id)
        .where(
            Member.account_id == account_id,
            # A member whose membership ended (a parent who left the family) no longer reaches
            # the file through the portal: no reading, no consent given, confirmed or withdrawn.
            Member.ended_at.is_(None),
            CoordinationFile.status != "purged",
        )
        .order_by(Member.file_id)
    )
    if file_id is not None:
        stmt = stmt.where(Member.file_id == file_id)
    if after is not None:
        stmt = stmt.where(Member.file_id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await uow.session.execute(stmt)).all())


async def member_gate(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    action: Action,
    file_id: uuid.UUID | None,
    *,
    subject: uuid.UUID | None = None,
) -> tuple[Gate, list[Any]]:
    """Cedar's decision on a family member's request on one file, and their memberships of it.

    ``subject`` names the object decided on when the file is unknown (a consent id).
    """
    mine = await memberships(uow, principal.account_id, file_id) if file_id else []
    resource = file_id or subject
    assert resource is not None
    decision = decide(uow.runtime, principal, action, resource, is_member=bool(mine))
    return Gate(uow, ctx, action, file_id, None, bool(mine), decision), mine


async def family_files(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> FamilyFilePage:
    """The files the signed-in family member belongs to, by file id, ``limit`` at a time after
    the cursor ``after``."""
    position = read_after_id(after)
    fetched = await memberships(uow, principal.account_id, after=position, limit=limit + 1)
    await record(uow, ctx, Action.FAMILY_FILE_LIST, "allowed", object_type="file_list")
    rows, next_cursor = one_id_page(fetched, limit, lambda r: cast(uuid.UUID, r.file_id))
    items = [
        FamilyFileSummary(
            id=r.file_id,
            status=r.status,
            member_id=r.id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            reference=file_reference(uow.runtime.secrets.audit_key, r.file_id),
        )
        for r in rows
    ]
    return FamilyFilePage(items=items, next=next_cursor)


async def _family_view(uow: UnitOfWork, membership: Any) -> tuple[FamilyFileView, set[str]]:
    """What one family member sees of one file: their own data and that of children under 12
    they represent, consents about those people, and non-confidential entries about them."""
    vocab = vocabulary()
    session, cipher = uow.session, uow.runtime.cipher
    file_id = membership.file_id
    facts = await load_facts(session, cipher, file_id, None)
    assert facts is not None
    await settle(uow, facts)  # expiry is decided at read time, for every reader
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    now = uow.runtime.clock()
    rows = await member_rows(session, file_id)
    people = {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}
    viewer = people[membership.id]
    visible = rules.family_visible_members(viewer, people.values(), now)
    everything = frozenset(vocab.categories)
    members = [member_view(cipher, key, r, everything, vocab) for r in rows if r.id in visible]
    everyone = {m.id: m for m in people.values()}
    context = FamilyContext(viewer, everyone, visible, now)
    events = await consent_events(session, (c.id for c in facts.consents))
    consents = await family_consent_views(uow, context, facts, events)
    entries_rows, about = await entry_rows(session, file_id)
    seen = [
        r
        for r in entries_rows
        if rules.family_may_see_entry(visible, about.get(r.id, []), r.confidential)
    ]
    notes = await annotations_of(session, file_id, (r.id for r in seen))
    entries = [
        entry_view(cipher, key, r, sorted(about.get(r.id, [])), notes.get(r.id, ())) for r in seen
    ]
    categories = set(vocab.member_categories) | {e.category for e in entries}
    view = FamilyFileView(
        id=file_id,
        status=facts.status,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        members=members,
        consents=consents,
        entries=entries,
        reference=file_reference(uow.runtime.secrets.audit_key, file_id),
    )
    return view, categories


async def family_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FamilyFileView:
    """One file as the signed-in family member may see it; other files answer 404."""
    gate, mine = await member_gate(uow, principal, ctx, Action.FAMILY_FILE_READ, file_id)
    if not mine or not gate.allowed:
        await gate.refuse(file_not_found())
    view, categories = await _family_view(uow, mine[0])
    view.contact = await family_contact(uow, file_id)
    await gate.allow(categories=categories)
    return view
