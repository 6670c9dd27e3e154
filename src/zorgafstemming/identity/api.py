"""HTTP API of the identity package: sign-in, activation, organisations and accounts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity import accounts, activation, login, organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.identity.schemas import (
    ActivateRequest,
    ActivateResponse,
    ConfirmRequest,
    Invitation,
    Me,
    OrganisationIn,
    OrganisationOut,
    Page,
    TokenRequest,
    TokenResponse,
    UserIn,
    UserOut,
)
from zorgafstemming.runtime import Runtime


def _org_out(view: organisations.OrganisationView) -> OrganisationOut:
    return OrganisationOut(view.id, view.slug, view.name, view.kind, view.municipality)


def _user_out(view: accounts.AccountView) -> UserOut:
    return UserOut(
        view.id, view.role.value, view.organisation_id, view.status, view.email, view.is_coordinator
    )


async def _invitation(caller: Caller, account_id: uuid.UUID, renew: accounts.Renewal) -> Invitation:
    async with caller.unit_of_work() as uow:
        token = await renew(uow, caller.ctx, caller.principal, account_id)
    return Invitation(account_id=account_id, activation_token=token)


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post_as(Action.PUBLIC_AUTH_TOKEN, "/token", status_code=HTTP_200_OK)
    async def token(
        self, data: TokenRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> TokenResponse:
        """Exchange email, password and TOTP code for an opaque bearer token."""
        principal = await login.authenticate(
            runtime, data.email, data.password, data.otp, audit_ctx
        )
        async with runtime.unit_of_work() as uow:
            raw, _ = await login.issue_token(uow, audit_ctx, principal)
        return TokenResponse(
            access_token=raw,
            token_type="Bearer",  # noqa: S106 - the RFC 6750 scheme name
            expires_in=runtime.settings.session_idle_minutes * 60,
        )

    @post_as(Action.IDENTITY_AUTH_LOGOUT, "/logout", status_code=HTTP_204_NO_CONTENT)
    async def logout(self, caller: Caller) -> None:
        """Revoke the token used for this request."""
        async with caller.unit_of_work() as uow:
            await login.revoke_credential(uow, caller.ctx, caller.principal)

    @get("/me", opt={"action": Action.IDENTITY_AUTH_ME})
    async def me(self, principal: Principal) -> Me:
        """Who the token belongs to."""
        return Me(principal.account_id, principal.role.value, principal.organisation_id)

    @post_as(Action.PUBLIC_AUTH_ACTIVATE, "/activate", status_code=HTTP_200_OK)
    async def activate(
        self, data: ActivateRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> ActivateResponse:
        """Set the password with a one-time activation token; returns the TOTP enrolment."""
        enrolment = await activation.activate(runtime, audit_ctx, data.token, data.password)
        return ActivateResponse(enrolment.otpauth_uri, enrolment.qr_svg, enrolment.secret)

    @post_as(Action.PUBLIC_AUTH_ACTIVATE, "/activate/confirm", status_code=HTTP_204_NO_CONTENT)
    async def confirm(
        self, data: ConfirmRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> None:
        """Confirm TOTP enrolment with a first code; the account becomes usable."""
        await activation.confirm_activation(runtime, audit_ctx, data.token, data.otp)


class OrganisationController(Controller):
    path = "/organisations"
    tags = ["organisations"]

    @get("/", opt={"action": Action.IDENTITY_ORGANISATION_LIST})
    async def list_organisations(self, runtime: Runtime) -> list[OrganisationOut]:
        """Every partner organisation."""
        async with runtime.unit_of_work() as uow:
            return [_org_out(v) for v in await organisations.list_organisations(uow)]

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
    path = "/users"
    tags = ["users"]

    @get("/", opt={"action": Action.IDENTITY_USER_LIST})
    async def list_users(
        self,
        caller: Caller,
        limit: Annotated[int, Parameter(ge=1, le=200)] = 50,
        offset: Annotated[int, Parameter(ge=0)] = 0,
    ) -> Page:
        """Accounts, paginated (the read is audited: it shows email addresses)."""
        async with caller.unit_of_work() as uow:
            await record(
                uow, caller.ctx, Action.IDENTITY_USER_LIST, "allowed", object_type="account"
            )
            views = await accounts.list_accounts(uow, limit=limit, offset=offset)
        return Page(items=[_user_out(v) for v in views], limit=limit, offset=offset)

    @post("/", opt={"action": Action.IDENTITY_USER_CREATE})
    async def create_user(self, data: UserIn, caller: Caller) -> Invitation:
        """Create an account; returns its one-time activation token."""
        try:
            role = Role(data.role)
        except ValueError:
            raise invalid("role", "one of " + ", ".join(Role)) from None
        async with caller.unit_of_work() as uow:
            account_id, token = await accounts.create_account(
                uow,
                caller.ctx,
                caller.principal,
                role=role,
                email=data.email,
                organisation_id=data.organisation_id,
            )
        return Invitation(account_id=account_id, activation_token=token)

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
    async def reset_mfa(self, account_id: uuid.UUID, caller: Caller) -> Invitation:
        """Lost phone: end sessions, clear the second factor, issue a new activation token."""
        return await _invitation(caller, account_id, accounts.reset_mfa)

    @post_as(Action.IDENTITY_USER_INVITE, "/{account_id:uuid}/invite", status_code=HTTP_200_OK)
    async def invite(self, account_id: uuid.UUID, caller: Caller) -> Invitation:
        """Re-invite (forgotten password, disabled account): a new activation token."""
        return await _invitation(caller, account_id, accounts.reinvite)


ROUTES: list[Any] = [AuthController, OrganisationController, UserController]
