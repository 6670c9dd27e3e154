"""Family-portal access for a member: a new family account with a one-time in-person code for
the letter the worker hands over, or a request to link the account the person already has (they
accept it in the portal).

Only a member that a consent in force covers for the caller's organisation, with their identity
data, is invited: inviting reaches the person behind the data."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.schemas import InvitationView
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.errors import ConsentRequired, FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import member_facts
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.links import request_link
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import ConflictError, NotFoundError
from zorgafstemming.runtime import UnitOfWork

# Inviting a person reaches their identity: the consent must cover it.
INVITATION_CATEGORY = "identity"


async def invite_member(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    existing_account_id: uuid.UUID | None,
) -> InvitationView:
    """Create the family account of a member aged 12 or older, or of a parent or guardian, and
    return the one-time in-person code for the letter to hand over (again, with a new code, for
    a member whose account nobody activated yet: a lost letter); or, with
    ``existing_account_id``, ask the holder of that family account to accept a link to the
    member (``link_pending``).

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
    assert facts.key is not None and principal.organisation_id is not None
    if not rules.covers(
        facts.consents,
        facts.members,
        organisation=principal.organisation_id,
        purpose=vocabulary().purpose_of(action.value),
        category=INVITATION_CATEGORY,
        member_ids=[member_id],
        at=uow.runtime.clock(),
    ):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this member's identity data for your organisation."
            ),
            categories=[INVITATION_CATEGORY],
        )
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
        # A lost letter: the account nobody activated yet gets a new code (the old one is
        # spent). An account someone uses, or one reset after use, is never handed over again.
        if existing_account_id is not None or not await accounts.never_activated(
            uow, row.account_id
        ):
            await gate.refuse(ConflictError("This member already has a family account."))
        account_id = row.account_id
    elif existing_account_id is not None:
        return await request_link(gate, principal, member_id, existing_account_id)
    else:
        account_id = await accounts.create_account(
            uow, ctx, principal, role=Role.FAMILY, email=None
        )
        await uow.session.execute(
            update(Member).where(Member.id == member_id).values(account_id=account_id)
        )
    letter = await activation_codes.issue_in_person_code(uow, account_id)
    await gate.allow()
    return InvitationView(
        account_id=account_id,
        member_id=member_id,
        in_person_code=letter.code,
        code_expires_at=letter.expires_at,
    )
