"""Family-portal access for a member: a new family account with a one-time in-person code for
the letter the worker hands over, or a link to the account the person already has."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.schemas import InvitationView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import member_facts
from zorgafstemming.coordination.service.gate import Gate, gate_for
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork


async def invite_member(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    existing_account_id: uuid.UUID | None,
) -> InvitationView:
    """Create (or link) the family account of a member aged 12 or older, or of a parent or
    guardian; returns the one-time in-person code for the letter to hand over.

    The code alone activates nothing: the family member also types their own e-mail address
    and the code mailed to it (``identity.family_activation``), which the worker never sees.
    """
    from zorgafstemming.identity import accounts, activation_codes

    action = Action.COORDINATION_INVITATION_CREATE
    gate = await gate_for(
        uow, principal, ctx, action, file_id, lock=True, object_type="member", object_id=member_id
    )
    facts = gate.facts
    if facts is None or not gate.allowed:
        await gate.refuse(file_not_found())
    row = (
        await uow.session.execute(
            select(Member.id, Member.role, Member.account_id, Member.birth_date_enc).where(
                Member.file_id == file_id, Member.id == member_id
            )
        )
    ).first()
    if not facts.is_open:
        await gate.refuse(FileClosed("The file is closed."))
    if row is None:
        await gate.refuse(NotFoundError("No such member."))
    assert facts.key is not None
    member = member_facts(uow.runtime.cipher, facts.key, row.id, row.role, row.birth_date_enc)
    representative = member.role in rules.LEGAL_REPRESENTATIVES
    if not representative and not rules.has_capacity(member.birth_date, uow.runtime.clock()):
        await gate.refuse(
            invalid(
                "Only a member aged 12 or older, or a parent or guardian, gets a family account.",
                [field_error("member", "under 12 and not a parent")],
            )
        )
    if row.account_id is not None:
        await gate.refuse(ConflictError("This member already has a family account."))
    if existing_account_id is not None:
        return await _link_account(gate, member_id, existing_account_id)
    account_id = await accounts.create_account(uow, ctx, principal, role=Role.FAMILY, email=None)
    letter = await activation_codes.issue_in_person_code(uow, account_id)
    await uow.session.execute(
        update(Member).where(Member.id == member_id).values(account_id=account_id)
    )
    await gate.allow()
    return InvitationView(
        account_id=account_id,
        member_id=member_id,
        in_person_code=letter.code,
        code_expires_at=letter.expires_at,
    )


async def _link_account(gate: Gate, member_id: uuid.UUID, account_id: uuid.UUID) -> InvitationView:
    """Link a person's existing family account to this member; their sign-in stays as it is
    (no new code), since re-inviting would end the sessions they have for another file."""
    session = gate.uow.session
    role = await session.scalar(select(Account.role).where(Account.id == account_id))
    if role != "family":
        await gate.refuse(
            invalid(
                "That is not a family account.",
                [field_error("existing_account_id", "no such family account")],
            )
        )
    await session.execute(
        update(Member).where(Member.id == member_id).values(account_id=account_id)
    )
    await gate.allow()
    return InvitationView(account_id=account_id, member_id=member_id)
