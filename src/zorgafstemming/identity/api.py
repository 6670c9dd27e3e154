"""HTTP API of the identity package: organisations, accounts, account changes and the own
security activity (sign-in and activation are in ``auth_api``)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Response, get, post
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_201_CREATED,
    HTTP_202_ACCEPTED,
    HTTP_204_NO_CONTENT,
)

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity import (
    account_admin,
    account_changes,
    accounts,
    organisations,
    security_activity,
)
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.auth_api import AuthController
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.identity.schemas import (
    AccountChangeOut,
    AccountChangePage,
    Invitation,
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    SecurityPage,
    UserChangeIn,
    UserIn,
    UserOut,
    UserPage,
)
from zorgafstemming.paging_api import After, Limit
from zorgafstemming.runtime import Runtime


def _org_out(view: organisations.OrganisationView) -> OrganisationOut:
    return OrganisationOut(view.id, view.slug, view.name, view.kind, view.municipality)


def _user_out(view: accounts.AccountView) -> UserOut:
    return UserOut(
        view.id, view.role.value, view.organisation_id, view.status, view.email, view.is_coordinator
    )


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise invalid("role", "one of " + ", ".join(Role)) from None


def _outcome(outcome: account_admin.Outcome, done_status: int) -> Response[Invitation]:
    """The account id and what happened; 202 when a second person must approve it first."""
    body = Invitation(account_id=outcome.account_id, status=outcome.status)
    if outcome.status == "pending-approval":
        body.change_id = outcome.change_id
        return Response(body, status_code=HTTP_202_ACCEPTED)
    return Response(body, status_code=done_status)


class OrganisationController(Controller):
    """The partner organisations of the network (the administrator manages them)."""

    path = "/organisations"
    tags = ["organisations"]

    @get("/", opt={"action": Action.IDENTITY_ORGANISATION_LIST})
    async def list_organisations(
        self, runtime: Runtime, limit: Limit, after: After
    ) -> OrganisationPage:
        """Partner organisations in creation order (by id); pass ``next`` as ``after`` for the
        next page."""
        async with runtime.unit_of_work() as uow:
            views, next_cursor = await organisations.organisation_page(
                uow, limit=limit, after=after
            )
        return OrganisationPage(items=[_org_out(v) for v in views], next=next_cursor)

    @post("/", opt={"action": Action.IDENTITY_ORGANISATION_CREATE})
    async def create_organisation(
        self, data: OrganisationIn, runtime: Runtime, audit_ctx: AuditContext
    ) -> OrganisationOut:
        """Add a partner organisation."""
        async with runtime.unit_of_work() as uow:
            view = await organisations.create_organisation(
                uow,
                audit_ctx,
                slug=data.slug,
                name=data.name,
                kind=data.kind,
                municipality=data.municipality,
            )
        return _org_out(view)

    @get("/{organisation_id:uuid}", opt={"action": Action.IDENTITY_ORGANISATION_READ})
    async def get_organisation(
        self, organisation_id: uuid.UUID, runtime: Runtime
    ) -> OrganisationOut:
        """One partner organisation."""
        async with runtime.unit_of_work() as uow:
            return _org_out(await organisations.get_organisation(uow, organisation_id))


class UserController(Controller):
    """Staff accounts, for the administrator; privileged changes wait for a second person."""

    path = "/users"
    tags = ["users"]

    @get("/", opt={"action": Action.IDENTITY_USER_LIST})
    async def list_users(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> UserPage:
        """Accounts in creation order (by id); pass ``next`` as ``after`` for the next page
        (the read is audited: it shows email addresses)."""
        async with caller.unit_of_work() as uow:
            views, next_cursor = await accounts.list_accounts_audited(
                uow, caller.ctx, limit=limit, after=after
            )
        return UserPage(items=[_user_out(v) for v in views], next=next_cursor)

    @post("/", opt={"action": Action.IDENTITY_USER_CREATE})
    async def create_user(self, data: UserIn, caller: Caller) -> Response[Invitation]:
        """Invite a staff member: the activation link goes by mail to their own address.

        A social worker's account is created at once (201). An administrator's or DPO's
        account waits for a second administrator or the DPO to approve it (202, with the
        request's id); until then it cannot activate. No token or link is ever returned.
        """
        role = _role(data.role)
        async with caller.unit_of_work() as uow:
            outcome = await account_admin.invite_staff(
                uow,
                caller.ctx,
                caller.principal,
                role=role,
                email=data.email,
                organisation_id=data.organisation_id,
            )
        return _outcome(outcome, HTTP_201_CREATED)

    @get("/{account_id:uuid}", opt={"action": Action.IDENTITY_USER_READ})
    async def get_user(self, account_id: uuid.UUID, caller: Caller) -> UserOut:
        """One account."""
        async with caller.unit_of_work() as uow:
            view = await accounts.get_account(uow, account_id)
            await record(
                uow,
                caller.ctx,
                Action.IDENTITY_USER_READ,
                "allowed",
                object_type="account",
                object_id=account_id,
            )
        return _user_out(view)

    @post_as(
        Action.IDENTITY_USER_DISABLE, "/{account_id:uuid}/disable", status_code=HTTP_204_NO_CONTENT
    )
    async def disable(self, account_id: uuid.UUID, caller: Caller) -> None:
        """Disable the account; its sessions and tokens end at once."""
        async with caller.unit_of_work() as uow:
            await accounts.disable_account(uow, caller.ctx, caller.principal, account_id)

    @post_as(
        Action.IDENTITY_USER_RESET_MFA, "/{account_id:uuid}/reset-mfa", status_code=HTTP_200_OK
    )
    async def reset_mfa(self, account_id: uuid.UUID, caller: Caller) -> Response[Invitation]:
        """Lost phone: sessions end, the second factor is cleared and a new activation link
        goes to the account's own address. For an account someone holds this is a request a
        second person approves first (202); nothing changes before that."""
        async with caller.unit_of_work() as uow:
            outcome = await account_admin.reset_mfa(uow, caller.ctx, caller.principal, account_id)
        return _outcome(outcome, HTTP_200_OK)

    @post_as(Action.IDENTITY_USER_INVITE, "/{account_id:uuid}/invite", status_code=HTTP_200_OK)
    async def invite(self, account_id: uuid.UUID, caller: Caller) -> Response[Invitation]:
        """Re-invite: a new activation link to the account's own address — at once for an
        account nobody activated yet (200), after a second person's approval for an active or
        disabled one (202)."""
        async with caller.unit_of_work() as uow:
            outcome = await account_admin.reinvite(uow, caller.ctx, caller.principal, account_id)
        return _outcome(outcome, HTTP_200_OK)

    @post_as(
        Action.IDENTITY_ACCOUNT_CHANGE_REQUEST,
        "/{account_id:uuid}/change",
        status_code=HTTP_202_ACCEPTED,
    )
    async def change(self, account_id: uuid.UUID, data: UserChangeIn, caller: Caller) -> Invitation:
        """Ask for a new role and/or organisation; it applies when a second administrator or
        the DPO approves it (``/account-changes/{id}/approve``)."""
        role = _role(data.role) if data.role is not None else None
        organisation_id = data.organisation_id
        async with caller.unit_of_work() as uow:
            outcome = await account_admin.request_change(
                uow,
                caller.ctx,
                caller.principal,
                account_id,
                role=role,
                organisation_id=None
                if isinstance(organisation_id, msgspec.UnsetType)
                else organisation_id,
                organisation_given=not isinstance(organisation_id, msgspec.UnsetType),
            )
        return Invitation(outcome.account_id, outcome.status, outcome.change_id)


class AccountChangeController(Controller):
    """Requests for privileged account changes, decided by a second administrator or the DPO."""

    path = "/account-changes"
    tags = ["users"]

    @get("/", opt={"action": Action.IDENTITY_ACCOUNT_CHANGE_LIST})
    async def list_changes(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
        pending: bool = False,
    ) -> AccountChangePage:
        """Account change requests, newest first by (requested_at, id) (``pending=true``: only
        the open ones); pass ``next`` as ``after`` for the next page. The read is audited,
        since it shows email addresses."""
        async with caller.unit_of_work() as uow:
            return await account_changes.list_changes_audited(
                uow, caller.ctx, pending_only=pending, limit=limit, after=after
            )

    @post_as(
        Action.IDENTITY_ACCOUNT_CHANGE_APPROVE,
        "/{change_id:uuid}/approve",
        status_code=HTTP_200_OK,
    )
    async def approve(self, change_id: uuid.UUID, caller: Caller) -> AccountChangeOut:
        """Approve and carry out the request. Never by its requester nor by the holder of the
        account it changes (403)."""
        async with caller.unit_of_work() as uow:
            return await account_changes.approve(uow, caller.ctx, caller.principal, change_id)

    @post_as(
        Action.IDENTITY_ACCOUNT_CHANGE_REJECT,
        "/{change_id:uuid}/reject",
        status_code=HTTP_200_OK,
    )
    async def reject(self, change_id: uuid.UUID, caller: Caller) -> AccountChangeOut:
        """Reject the request: nothing changes (an account that was asked for is removed)."""
        async with caller.unit_of_work() as uow:
            return await account_changes.reject(uow, caller.ctx, caller.principal, change_id)


class SecurityController(Controller):
    """The caller's own security activity, whatever their role."""

    path = "/me/security"
    tags = ["auth"]

    @get("/", opt={"action": Action.IDENTITY_SECURITY_LOG_READ})
    async def my_security(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> SecurityPage:
        """Sign-ins, exports, resets and approvals of your own account, newest first by (time,
        id), with the address and device each came from (the read is audited, without either);
        pass ``next`` as ``after`` for the next page."""
        return await caller.run(security_activity.own_security_activity, limit=limit, after=after)


ROUTES: list[Any] = [
    AuthController,
    OrganisationController,
    UserController,
    AccountChangeController,
    SecurityController,
]
