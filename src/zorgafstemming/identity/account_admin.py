"""The administrator's account use cases: each acts at once or asks a second person.

Acting at once: a social worker's account is created and its activation link mailed to the
worker's own address; an account nobody activated yet is re-invited the same way. Asking a
second person (``account_changes``): an administrator or DPO account, re-inviting or resetting
an account someone holds (active or disabled), and any new role or organisation. The
administrator never sees an activation link or code: links go by mail to the account's address.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import account_changes, account_mail, accounts, rules, security_log
from zorgafstemming.identity.account_changes import ChangePayload
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.problems import ConflictError
from zorgafstemming.runtime import UnitOfWork

OutcomeStatus = Literal["invited", "pending-approval"]


@dataclass(frozen=True)
class Outcome:
    """What an administrator's action did: a link was mailed (``invited``), or a request now
    waits for a second person (``pending-approval``, with its id)."""

    account_id: uuid.UUID
    status: OutcomeStatus
    change_id: uuid.UUID | None = None


async def invite_staff(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal,
    *,
    role: Role,
    email: str | None,
    organisation_id: uuid.UUID | None,
) -> Outcome:
    """A staff account: a social worker's at once (link mailed to their address); an
    administrator's or DPO's once a second person approves it."""
    if role not in rules.STAFF_ROLES:
        raise invalid("role", "family accounts are made by inviting a member of a file")
    if not rules.creation_needs_approval(role):
        account_id = await accounts.create_account(
            uow, ctx, actor, role=role, email=email, organisation_id=organisation_id
        )
        await accounts.send_new_link(uow, await accounts.load(uow, account_id))
        return Outcome(account_id, "invited")
    if email is None:
        raise invalid("email", "staff accounts need an email address")
    account_id = await accounts.insert_pending_account(
        uow, role=role, email=email, organisation_id=organisation_id
    )
    account = await accounts.load(uow, account_id)
    payload = ChangePayload(role=role.value, organisation_id=organisation_id)
    change_id = await account_changes.open_request(uow, ctx, actor, "create", account, payload)
    return Outcome(account_id, "pending-approval", change_id)


async def _renew(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal,
    account: Account,
    kind: Literal["reinvite", "reset-mfa"],
    action: Action,
) -> Outcome:
    if rules.renewal_needs_approval(account.status):
        change_id = await account_changes.open_request(uow, ctx, actor, kind, account)
        await accounts.mail_address(uow, account)  # the new link needs somewhere to go
        return Outcome(account.id, "pending-approval", change_id)
    decision = accounts.decide(uow, actor, action, accounts.resource_of(account))
    if account.status == "pending":
        raise ConflictError("The account is waiting for a second person's approval.")
    await accounts.reset_credentials(uow, account)
    await security_log.note(uow, account.id, "reinvite" if kind == "reinvite" else "mfa-reset")
    await accounts.record_change(uow, ctx, action, account.id, decision)
    return Outcome(account.id, "invited")


async def reinvite(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal, account_id: uuid.UUID
) -> Outcome:
    """Forgotten password or disabled account: a new link to the account's own address — at
    once for an account nobody activated yet, after approval for one someone holds."""
    account = await accounts.load(uow, account_id)
    return await _renew(uow, ctx, actor, account, "reinvite", Action.IDENTITY_USER_INVITE)


async def reset_mfa(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal, account_id: uuid.UUID
) -> Outcome:
    """Lost phone: password and TOTP cleared and a new link mailed, after approval."""
    account = await accounts.load(uow, account_id)
    if account.status == "disabled":
        accounts.decide(uow, actor, Action.IDENTITY_USER_RESET_MFA, accounts.resource_of(account))
        raise ConflictError("The account is disabled; re-invite it instead.")
    return await _renew(uow, ctx, actor, account, "reset-mfa", Action.IDENTITY_USER_RESET_MFA)


async def request_change(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal,
    account_id: uuid.UUID,
    *,
    role: Role | None,
    organisation_id: uuid.UUID | None,
    organisation_given: bool,
) -> Outcome:
    """Ask for a new role and/or organisation; it applies once a second person approves it.

    An omitted organisation stays as it is for a social worker and is cleared for the other
    roles (which belong to none).
    """
    account = await accounts.load(uow, account_id)
    accounts.decide(
        uow, actor, Action.IDENTITY_ACCOUNT_CHANGE_REQUEST, accounts.resource_of(account)
    )
    new_role = role or Role(account.role)
    new_org = organisation_id
    if not organisation_given:
        new_org = account.organisation_id if new_role is Role.SOCIAL_WORKER else None
    problem = rules.role_change_problem(
        Role(account.role), new_role, new_org, account.email_enc is not None
    )
    if problem is not None:
        raise invalid(*problem)
    if new_org is not None and await uow.session.get(Organisation, new_org) is None:
        raise invalid("organisation_id", "no such organisation")
    if new_role.value == account.role and new_org == account.organisation_id:
        raise invalid("role", "the account has this role and organisation already")
    payload = ChangePayload(role=new_role.value, organisation_id=new_org)
    change_id = await account_changes.open_request(uow, ctx, actor, "change", account, payload)
    return Outcome(account.id, "pending-approval", change_id)


async def operator_renew(
    uow: UnitOfWork,
    ctx: AuditContext,
    account_id: uuid.UUID,
    kind: Literal["reinvite", "reset-mfa"],
) -> str:
    """The host operator's re-invite or reset, at once: the operator holds the server and its
    keys, so a second person would add nothing (the command is audited as the operator's). The
    link goes to the account's own address and a holder is told; returns the link's token for
    ``--print-link`` (bootstrapping before mail works)."""
    account = await accounts.load(uow, account_id)
    if account.status == "pending":
        raise ConflictError("The account is waiting for a second person's approval.")
    if kind == "reset-mfa" and account.status == "disabled":
        raise ConflictError("The account is disabled; re-invite it instead.")
    held = rules.renewal_needs_approval(account.status)
    email = await accounts.mail_address(uow, account)
    token = await accounts.reset_credentials(uow, account)
    if held:
        await account_mail.send_reset_notice(uow, account.id, email)
    await security_log.note(uow, account.id, "reinvite" if kind == "reinvite" else "mfa-reset")
    action = Action.IDENTITY_USER_INVITE if kind == "reinvite" else Action.IDENTITY_USER_RESET_MFA
    await accounts.record_change(uow, ctx, action, account.id, None)
    return token
