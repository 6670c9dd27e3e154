"""A family's file, for staff: listing, reading and closing it (opening one is
``file_opening``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Literal, cast

from sqlalchemy import exists, func, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.emergency.access import coverage as emergency_coverage
from zorgafstemming.coordination.models import (
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    Participant,
)
from zorgafstemming.coordination.schemas import (
    FilePage,
    FileSummary,
    FileView,
)
from zorgafstemming.coordination.service.errors import (
    ForbiddenLead,
    file_not_found,
)
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.service.facts_query import consent_end, consent_withdrawn
from zorgafstemming.coordination.service.file_labels import (
    RESTRICTED_STATUS,
    file_labels,
    file_restricted,
    label_from_members,
    listed_status,
    reference_of,
)
from zorgafstemming.coordination.service.gate import (
    Gate,
    close,
    gate_for,
    participant_ids,
)
from zorgafstemming.coordination.service.views import (
    consent_events,
    consent_views,
    hidden_member,
    member_rows,
    member_view,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import UTCDateTime
from zorgafstemming.identity import colleagues
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_id_page, one_page, read_after, read_after_id
from zorgafstemming.runtime import UnitOfWork

# How a list of files is ordered: by id (oldest first), by the latest activity or by the
# opening (both newest first).
FileOrder = Literal["id", "activity", "opened"]

# The latest journal entry's time, or the opening: a file's last activity.
LAST_ACTIVITY = func.coalesce(
    select(func.max(Entry.created_at))
    .where(Entry.file_id == CoordinationFile.id)
    .correlate(CoordinationFile)
    .scalar_subquery(),
    CoordinationFile.opened_at,
    type_=UTCDateTime,
)


async def list_files(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    after: str | None,
    limit: int,
    with_unassigned: bool = False,
    order: FileOrder = "id",
) -> FilePage:
    """Files the caller is assigned to, in an organisation that takes part under a consent that
    is not withdrawn or expired (no personal data; reading one applies the full rule), ordered
    by id (oldest first: ids are time-ordered), ``limit`` at a time after the cursor ``after``.

    ``with_unassigned`` (a coordinator's overview): the organisation's other such files too,
    marked ``assigned=False`` — to assign someone, not to read them. Ignored for a worker who
    does not coordinate.

    Each file carries its short reference, the caller's role on it, its last activity and,
    for files the caller is assigned to, its label under the caller's consent (decrypted at
    read time in a fixed number of statements, whatever the page size). ``order`` "activity"
    or "opened" lists newest first, with a (time, id) cursor.
    """
    org = principal.organisation_id
    now = uow.runtime.clock()
    assigned = exists().where(
        FileAssignment.file_id == CoordinationFile.id,
        FileAssignment.account_id == principal.account_id,
        FileAssignment.organisation_id == org,
        FileAssignment.ended_at.is_(None),
    )
    overview = with_unassigned and await colleagues.is_coordinator(uow, principal.account_id)
    consented = exists().where(
        ConsentRecord.file_id == CoordinationFile.id,
        ConsentRecipient.consent_id == ConsentRecord.id,
        ConsentRecipient.organisation_id == org,
        ConsentRecord.valid_from <= now,
        consent_end() > now,
        ~consent_withdrawn(),
    )
    stmt = (
        select(
            CoordinationFile.id,
            CoordinationFile.status,
            CoordinationFile.lead_organisation_id,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
            assigned.label("assigned"),
            LAST_ACTIVITY.label("last_activity"),
            file_restricted().label("restricted"),
        )
        .join(Participant, Participant.file_id == CoordinationFile.id)
        .where(
            Participant.organisation_id == org,
            CoordinationFile.status == "open",
            consented,
        )
        .limit(limit + 1)
    )
    if not overview:
        stmt = stmt.where(assigned)
    rows, next_cursor = await _page(uow, stmt, order, after, limit)
    assert org is not None
    labels, categories = await file_labels(
        uow, org, [r.id for r in rows if r.assigned and not r.restricted]
    )
    await record(
        uow,
        ctx,
        Action.COORDINATION_FILE_LIST,
        "allowed",
        object_type="file_list",
        categories=categories,
    )
    items = [
        FileSummary(
            id=r.id,
            status=listed_status(r.status, bool(r.restricted)),
            lead_organisation_id=r.lead_organisation_id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            assigned=bool(r.assigned),
            reference=reference_of(uow, r.id),
            label=labels.get(r.id),
            role="lead" if r.lead_organisation_id == org else "partner",
            last_activity=r.last_activity,
        )
        for r in rows
    ]
    return FilePage(items=items, next=next_cursor)


async def _page(
    uow: UnitOfWork, stmt: Any, order: FileOrder, after: str | None, limit: int
) -> tuple[list[Any], str | None]:
    """One page of ``stmt`` in ``order`` after the cursor ``after``."""
    if order == "id":
        position = read_after_id(after)
        stmt = stmt.order_by(CoordinationFile.id)
        if position is not None:
            stmt = stmt.where(CoordinationFile.id > position)
        return one_id_page((await uow.session.execute(stmt)).all(), limit, _row_id)
    at = LAST_ACTIVITY if order == "activity" else CoordinationFile.opened_at
    cursor = read_after(after)
    stmt = stmt.order_by(at.desc(), CoordinationFile.id.desc())
    if cursor is not None:
        stmt = stmt.where(beyond(at, CoordinationFile.id, cursor))
    field = "last_activity" if order == "activity" else "opened_at"
    rows = (await uow.session.execute(stmt)).all()
    return one_page(rows, limit, lambda r: (getattr(r, field), r.id))


def _row_id(row: Any) -> uuid.UUID:
    return cast(uuid.UUID, row.id)


async def file_view(
    uow: UnitOfWork, principal: Principal, gate: Gate
) -> tuple[FileView | None, set[str]]:
    """Build the file view the gate allows, on a need-to-know basis: the members a consent in
    force covers for the caller's organisation (fields of covered categories only), every other
    member only as not visible, and the consents that name the organisation (the others only
    counted)."""
    facts = gate.facts
    if not gate.visible or not gate.allowed or facts is None or facts.key is None:
        return None, set()
    vocab = vocabulary()
    purpose = vocab.purpose_of(Action.COORDINATION_FILE_READ.value)
    now = uow.runtime.clock()
    org = principal.organisation_id
    assert org is not None
    per_purpose = (
        emergency_coverage(gate.emergency, facts.members, vocab)
        if gate.emergency is not None
        else {
            p: rules.covered_categories(
                facts.consents, facts.members, organisation=org, purpose=p, at=now
            )
            for p in vocab.purposes
        }
    )
    per_member = per_purpose.get(purpose, {})
    known = {member for covered in per_purpose.values() for member in covered}
    members = []
    categories: set[str] = set()
    for row in await member_rows(uow.session, facts.file_id):
        if row.ended_at is not None:
            continue  # no longer part of the family: partners no longer see them at all
        if row.id not in known:
            members.append(hidden_member(row.id))
            continue
        allowed = per_member.get(row.id, frozenset())
        categories |= set(allowed) & set(vocab.member_categories)
        members.append(member_view(uow.runtime.cipher, facts.key, row, allowed, vocab))
    named = replace(facts, consents=[c for c in facts.consents if org in c.recipients])
    events = await _events_of(uow, facts, {c.id for c in named.consents})
    withheld = {c for m in members if m.visible for c in m.withheld_categories or ()}
    view = FileView(
        id=facts.file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        participants=(
            facts.participants
            if facts.participants is not None
            else await participant_ids(uow.session, facts.file_id)
        ),
        members=members,
        consents=consent_views(named, events, now),
        other_consents=len(facts.consents) - len(named.consents),
        withheld_categories=sorted(withheld),
        reference=reference_of(uow, facts.file_id),
        label=label_from_members(members),
    )
    return view, categories


async def read_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileView:
    """A file as the caller's organisation may see it: member fields of covered categories only,
    the rest listed as withheld. Unknown and foreign files answer the same 404; a restricted
    file answers its restricted view (:func:`restricted_view`)."""
    gate = await gate_for(
        uow, principal, ctx, Action.COORDINATION_FILE_READ, file_id, restricted_view=True
    )
    if gate.visible and gate.restricted and gate.facts is not None:
        await gate.record_restricted_view()
        return restricted_view(uow, gate.facts)
    view, categories = await file_view(uow, principal, gate)
    if view is None:
        await gate.refuse(file_not_found())
    await gate.allow(categories=categories)
    return view


def restricted_view(uow: UnitOfWork, facts: FileFacts) -> FileView:
    """A restricted file as partners see it (GDPR art. 18): that it exists, its reference,
    that it is restricted and since when — no member, consent, participant or label."""
    return FileView(
        id=facts.file_id,
        status=RESTRICTED_STATUS,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=None,
        participants=[],
        members=[],
        consents=[],
        other_consents=0,
        withheld_categories=[],
        reference=reference_of(uow, facts.file_id),
        label=None,
        restricted_since=facts.restricted_since,
    )


async def close_file(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> FileSummary:
    """Close a file (lead organisation only); its retention clock starts now."""
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_FILE_CLOSE, file_id, lock=True)
    facts = await gate.open_facts("The file is already closed.")
    if not gate.allowed:
        await gate.refuse(ForbiddenLead("Only the lead organisation closes the file."))
    now = uow.runtime.clock()
    await close(uow.session, now, facts, now, "closed_by_lead")
    await gate.allow()
    return FileSummary(
        id=file_id,
        status=facts.status,
        lead_organisation_id=facts.lead,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        reference=reference_of(uow, file_id),
        role="lead",
    )


async def _events_of(
    uow: UnitOfWork, facts: FileFacts, consent_ids: set[uuid.UUID]
) -> Sequence[Any]:
    """The events of ``consent_ids`` in the order recorded: as read with the facts, unless
    settling has since recorded one (an expiry) in this transaction."""
    if facts.events is not None and facts.settled_at is None:
        return [e for e in facts.events if e.consent_id in consent_ids]
    return await consent_events(uow.session, consent_ids)
