"""Linking a person's existing family account to a member of a file: a partner asks, the
account's holder accepts or declines in the portal.

Until the holder accepts, the member stays without an account, so nothing of the file reaches
them (their files, their export); a partner who names the wrong account (or another family's)
links nothing. One account stands for one person in a file: a second link of the same account
in the same file, waiting or accepted, is a conflict — checked first, and held by unique
constraints so that two requests at once still end in a 409, never in an error.
"""

from __future__ import annotations

import uuid

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.access_models import MemberLink
from zorgafstemming.coordination.access_schemas import (
    MemberLinkAnswer,
    MemberLinkPage,
    MemberLinkView,
)
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.schemas import InvitationView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import AlreadyLinked
from zorgafstemming.coordination.service.gate import Gate, decide
from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.paging import PAGE_MAX, beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

OBJECT_LINK = "member_link"
_TWICE = "This family account is linked, or waits to be linked, to a member of this file."


async def request_link(
    gate: Gate, principal: Principal, member_id: uuid.UUID, account_id: uuid.UUID
) -> InvitationView:
    """Ask the holder of family account ``account_id`` to be linked to this member (the gate of
    the invitation request is open and allowed); nothing is linked until they accept."""
    session = gate.uow.session
    assert gate.file_id is not None and principal.organisation_id is not None
    file_id = gate.file_id
    role = await session.scalar(select(Account.role).where(Account.id == account_id))
    if role != Role.FAMILY.value:
        await gate.refuse(
            invalid(
                "That is not a family account.",
                [field_error("existing_account_id", "no such family account")],
            )
        )
    if await linked_in_file(session, file_id, account_id):
        await gate.refuse(AlreadyLinked(_TWICE))
    if await session.scalar(select(MemberLink.id).where(MemberLink.member_id == member_id)):
        await gate.refuse(
            ConflictError("A link of a family account to this member waits for an answer.")
        )
    try:
        async with session.begin_nested():
            await session.execute(
                insert(MemberLink).values(
                    id=new_id(),
                    file_id=file_id,
                    member_id=member_id,
                    account_id=account_id,
                    requested_by_account_id=principal.account_id,
                    requested_by_organisation_id=principal.organisation_id,
                    requested_at=gate.uow.runtime.clock(),
                )
            )
    except IntegrityError:  # another request linked the account or the member meanwhile
        await gate.refuse(AlreadyLinked(_TWICE))
    await gate.allow()
    return InvitationView(account_id=account_id, member_id=member_id, link_pending=True)


async def linked_in_file(session: AsyncSession, file_id: uuid.UUID, account_id: uuid.UUID) -> bool:
    """Whether the account stands for a member of the file already, or waits to."""
    member = select(Member.id).where(Member.file_id == file_id, Member.account_id == account_id)
    waiting = select(MemberLink.id).where(
        MemberLink.file_id == file_id, MemberLink.account_id == account_id
    )
    return bool(await session.scalar(select(exists(member) | exists(waiting))))


async def pending_links(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int = PAGE_MAX,
    after: str | None = None,
) -> MemberLinkPage:
    """The link requests waiting for the signed-in family member's answer, oldest first by
    (requested_at, id), ``limit`` at a time after the cursor ``after``: which organisation
    leads the file, and when it asked (nothing of the file itself)."""
    position = read_after(after)
    stmt = (
        select(
            MemberLink.id,
            MemberLink.file_id,
            MemberLink.requested_at,
            Organisation.name.label("lead"),
        )
        .join(CoordinationFile, CoordinationFile.id == MemberLink.file_id)
        .join(Organisation, Organisation.id == CoordinationFile.lead_organisation_id)
        .where(
            MemberLink.account_id == principal.account_id,
            CoordinationFile.status != "purged",
        )
        .order_by(MemberLink.requested_at, MemberLink.id)
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(
            beyond(MemberLink.requested_at, MemberLink.id, position, newest_first=False)
        )
    fetched = (await uow.session.execute(stmt)).all()
    await record(uow, ctx, Action.FAMILY_LINK_LIST, "allowed", object_type="link_list")
    rows, next_cursor = one_page(fetched, limit, lambda r: (r.requested_at, r.id))
    return MemberLinkPage(
        items=[
            MemberLinkView(
                id=r.id, file_id=r.file_id, lead_organisation=r.lead, requested_at=r.requested_at
            )
            for r in rows
        ],
        next=next_cursor,
    )


async def _link_gate(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, action: Action, link_id: uuid.UUID
) -> tuple[Gate, uuid.UUID, uuid.UUID]:
    """Cedar's decision on answering one link request, with its file and member; another
    person's request answers 404, exactly as one that does not exist (its denial recorded)."""
    row = (
        await uow.session.execute(
            select(MemberLink.file_id, MemberLink.member_id, MemberLink.account_id)
            .where(MemberLink.id == link_id)
            .with_for_update()
        )
    ).first()
    mine = row is not None and row.account_id == principal.account_id
    file_id = row.file_id if row is not None and mine else None
    decision = decide(uow.runtime, principal, action, file_id or link_id, link_holder=mine)
    gate = Gate(uow, ctx, action, file_id, None, mine, decision, OBJECT_LINK, link_id)
    if row is None or file_id is None or not decision.allowed:
        await gate.refuse(NotFoundError("No such link request."))
    return gate, file_id, row.member_id


async def accept_link(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, link_id: uuid.UUID
) -> MemberLinkAnswer:
    """Accept a link request: the member's account becomes the caller's, and the file is among
    their files from this commit on."""
    gate, file_id, member_id = await _link_gate(
        uow, principal, ctx, Action.FAMILY_LINK_ACCEPT, link_id
    )
    session = uow.session
    try:
        async with session.begin_nested():
            linked = await session.execute(
                update(Member)
                .where(Member.id == member_id, Member.account_id.is_(None))
                .values(account_id=principal.account_id)
            )
    except IntegrityError:  # the account stands for another member of this file already
        await gate.refuse(AlreadyLinked(_TWICE))
    if not getattr(linked, "rowcount", 0):
        await gate.refuse(ConflictError("This member has a family account already."))
    await session.execute(delete(MemberLink).where(MemberLink.id == link_id))
    await gate.allow()
    return MemberLinkAnswer(id=link_id, file_id=file_id, accepted=True)


async def decline_link(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, link_id: uuid.UUID
) -> MemberLinkAnswer:
    """Decline a link request: it is gone, and nothing of the file ever reached the caller."""
    gate, file_id, _ = await _link_gate(uow, principal, ctx, Action.FAMILY_LINK_DECLINE, link_id)
    await uow.session.execute(delete(MemberLink).where(MemberLink.id == link_id))
    await gate.allow()
    return MemberLinkAnswer(id=link_id, file_id=file_id, accepted=False)
