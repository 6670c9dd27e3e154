"""Filing data-subject requests and the family's own list: a family member files about
themselves (12 or older) or a child under 12 they represent, a partner's worker on the family's
behalf under a consent that covers the member; the family sees the requests about them, each on
its own page (with, once an access or portability request is answered, their export)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import undefer

from zorgafstemming.audit.references import short_reference
from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.coordination import rules as coordination_rules
from zorgafstemming.coordination.family_rules import spoken_for
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.family_consent_views import file_members
from zorgafstemming.coordination.service.gate import decide, gate_for
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ProblemError
from zorgafstemming.rights import rules
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.records import (
    OBJECT_LIST,
    OBJECT_REQUEST,
    Shown,
    not_found,
    request_views,
    resource_of,
    store_request,
)
from zorgafstemming.rights.schemas import (
    RequestIn,
    RequestPage,
    RequestView,
)
from zorgafstemming.runtime import UnitOfWork


def _check_scope(data: RequestIn) -> None:
    """422 on ``scope`` for a whole-file request of a kind that is about one member alone."""
    if not rules.scope_fits(data.kind, data.scope):
        raise invalid(
            "Only an erasure or a restriction can be about the whole file.",
            [field_error("scope", "must be member for this kind of request")],
        )


async def file_own_request(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: RequestIn
) -> RequestView:
    """A family member files a request about themselves (12 or older) or a child under 12 they
    represent; the member names the file. Anyone else's member answers 422 on ``member_id``."""
    _check_scope(data)
    action = Action.RIGHTS_REQUEST_FILE
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    wrong_member = invalid(
        "You may file a request only about yourself (12 or older) or a child under 12 you "
        "represent.",
        [field_error("member_id", "names nobody you may file a request for")],
    )
    file_id = await session.scalar(select(Member.file_id).where(Member.id == data.member_id))
    mine = await memberships(uow, principal.account_id, file_id) if file_id else []
    decision: Decision | None = None
    if file_id is not None and mine:
        key = await cipher.key_for(session, FILE_OWNER, file_id)
        members = await file_members(uow, file_id, key)
        viewer = members[mine[0].id]
        speaks = data.member_id in spoken_for(viewer, [data.member_id], members, now)
        decision = uow.runtime.authz.decide(
            principal, action, resource_of(data.member_id), {"speaks_for": speaks}
        )
        if decision.allowed:
            row = await store_request(
                uow, principal, key, file_id, data, requester_member_id=viewer.id, on_behalf_of=None
            )
            await record(
                uow,
                ctx,
                action,
                "allowed",
                decision=decision,
                object_type=OBJECT_REQUEST,
                object_id=row.id,
                file_id=file_id,
            )
            return (await request_views(uow, [row], Shown(details_of=frozenset({row.id}))))[0]
    await record(
        uow,
        ctx,
        action,
        "denied",
        decision=decision,
        object_type=OBJECT_REQUEST,
        file_id=file_id if mine else None,
    )
    raise wrong_member


async def file_request_on_behalf(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: RequestIn
) -> RequestView:
    """A partner's worker, assigned to the open file, files a request on the family's behalf
    about a member whom a consent in force covers for their organisation (otherwise 422
    ``consent-required``); it is recorded as filed on behalf, by that organisation."""
    _check_scope(data)
    action = Action.RIGHTS_REQUEST_PROXY
    gate = await gate_for(uow, principal, ctx, action, file_id, object_type=OBJECT_REQUEST)
    facts = await gate.open_facts("The file is closed; file the request with the DPO.")
    org = principal.organisation_id
    assert org is not None
    now = uow.runtime.clock()
    if data.member_id not in facts.members:
        await gate.refuse(
            invalid(
                "The member is not one of this file.",
                [field_error("member_id", "names no member of this file")],
            )
        )
    purpose = vocabulary().purpose_of(action.value)
    covered = coordination_rules.covered_categories(
        facts.consents, facts.members, organisation=org, purpose=purpose, at=now
    )
    gate.decision = decide(
        uow.runtime,
        principal,
        action,
        file_id,
        participant=facts.is_participant,
        consent_covers=data.member_id in covered,
        is_lead=facts.lead == org,
        file_open=facts.is_open,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
    )
    if not gate.allowed:
        await gate.refuse(
            ConsentRequired("No consent in force covers this member for your organisation.")
        )
    key = facts.key or await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    row = await store_request(
        uow, principal, key, file_id, data, requester_member_id=None, on_behalf_of=org
    )
    await gate.allow(object_id=row.id)
    return (await request_views(uow, [row], Shown(details_of=frozenset({row.id}))))[0]


# --- the family's list ---------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectChoice:
    """A member a family account may file a request about: themselves, or a child under 12
    they represent (given name only, and the file's short reference)."""

    member_id: uuid.UUID
    given_name: str
    reference: str
    is_self: bool


@dataclass
class _Family:
    """The caller's memberships (``mine``) and the members they speak for (``about``), with
    the file of each and its key."""

    mine: set[uuid.UUID]
    about: dict[uuid.UUID, tuple[uuid.UUID, DataKey]]


async def _family(uow: UnitOfWork, principal: Principal) -> _Family:
    now = uow.runtime.clock()
    found = _Family(set(), {})
    for membership in await memberships(uow, principal.account_id):
        key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, membership.file_id)
        members = await file_members(uow, membership.file_id, key)
        viewer = members[membership.id]
        found.mine.add(viewer.id)
        for member_id in spoken_for(viewer, members, members, now) | {viewer.id}:
            found.about[member_id] = (membership.file_id, key)
    return found


async def _choices(uow: UnitOfWork, family: _Family) -> list[SubjectChoice]:
    if not family.about:
        return []
    rows = await uow.session.execute(
        select(Member.id, Member.file_id, Member.given_name_enc)
        .where(Member.id.in_(sorted(family.about)), Member.ended_at.is_(None))
        .order_by(Member.file_id, Member.id)
    )
    cipher, audit_key = uow.runtime.cipher, uow.runtime.secrets.audit_key
    choices = []
    for row in rows:
        _, key = family.about[row.id]
        name = cipher.decrypt(
            key, table="members", column="given_name_enc", row_id=row.id, blob=row.given_name_enc
        )
        reference = short_reference(audit_ref(audit_key, "file", row.file_id))
        choices.append(SubjectChoice(row.id, name, reference, row.id in family.mine))
    # Oneself first, then the children, per file.
    return sorted(choices, key=lambda c: (c.reference, not c.is_self, c.given_name))


async def _my_page(
    uow: UnitOfWork, family: _Family, *, limit: int, position: tuple[Any, uuid.UUID] | None
) -> RequestPage:
    rows: list[SubjectRequest] = []
    if family.mine:
        query = (
            select(SubjectRequest)
            .options(undefer(SubjectRequest.details_enc))
            .where(
                or_(
                    SubjectRequest.member_id.in_(sorted(family.about)),
                    SubjectRequest.requester_member_id.in_(sorted(family.mine)),
                )
            )
        )
        if position is not None:
            query = query.where(beyond(SubjectRequest.received_at, SubjectRequest.id, position))
        query = query.order_by(SubjectRequest.received_at.desc(), SubjectRequest.id.desc())
        rows = list((await uow.session.scalars(query.limit(limit + 1))).all())
    page, next_cursor = one_page(rows, limit, lambda r: (r.received_at, r.id))
    filed = frozenset(r.id for r in page if r.requester_member_id in family.mine)
    items = await request_views(uow, page, Shown(details_of=filed))
    return RequestPage(items=items, next=next_cursor)


async def my_requests(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> RequestPage:
    """The requests about the caller and the children under 12 they represent (and those they
    filed), newest first by (received_at, id); the details only of those they filed."""
    action = Action.RIGHTS_REQUEST_MINE
    try:
        position = read_after(after)
    except ProblemError:
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise
    page = await _my_page(uow, await _family(uow, principal), limit=limit, position=position)
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return page


async def my_requests_with_choices(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> tuple[RequestPage, list[SubjectChoice]]:
    """:func:`my_requests` and the members the caller may file a request about (the portal's
    form), read in one go with one audit event."""
    action = Action.RIGHTS_REQUEST_MINE
    try:
        position = read_after(after)
    except ProblemError:
        await record(uow, ctx, action, "denied", object_type=OBJECT_LIST)
        raise
    family = await _family(uow, principal)
    page = await _my_page(uow, family, limit=limit, position=position)
    choices = await _choices(uow, family)
    await record(uow, ctx, action, "allowed", object_type=OBJECT_LIST)
    return page, choices


# --- one request of the family -------------------------------------------------------------


@dataclass(frozen=True)
class MyRequest:
    """One request as a family member sees it: the view (what was asked only when they filed
    it; its steps with the reasons and notes the handlers gave), the given name of whom it is
    about, and whether their own export holds that member's data now — themselves, or a child
    under 12 they represent — so an answered access or portability request links exactly
    that."""

    view: RequestView
    subject_name: str | None
    filed_by_viewer: bool
    export_covers_subject: bool


async def my_request(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, request_id: uuid.UUID
) -> MyRequest:
    """One of the caller's requests: about them or a child under 12 they represent, or filed
    by them (as in their list). Any other request answers 404, exactly like one that does not
    exist."""
    action = Action.RIGHTS_REQUEST_MINE
    family = await _family(uow, principal)
    row = await uow.session.get(
        SubjectRequest, request_id, options=[undefer(SubjectRequest.details_enc)]
    )
    theirs = row is not None and (
        row.member_id in family.about or row.requester_member_id in family.mine
    )
    if row is None or not theirs:
        await record(uow, ctx, action, "denied", object_type=OBJECT_REQUEST, object_id=request_id)
        raise not_found()
    filed = row.requester_member_id in family.mine
    # The reasons of an extension or a refusal and the note of an answer are the controller's
    # word to the data subject (GDPR art. 12(3)-(4)): the family reads them with the steps.
    shown = Shown(details_of=frozenset({row.id}) if filed else frozenset(), with_steps=True)
    view = (await request_views(uow, [row], shown))[0]
    names = {c.member_id: c.given_name for c in await _choices(uow, family)}
    await record(
        uow,
        ctx,
        action,
        "allowed",
        object_type=OBJECT_REQUEST,
        object_id=row.id,
        file_id=row.file_id,
    )
    return MyRequest(
        view=view,
        subject_name=names.get(row.member_id) if row.member_id is not None else None,
        filed_by_viewer=filed,
        export_covers_subject=row.member_id is not None and row.member_id in family.about,
    )
