"""HTTP API of the identity package: sign-in, activation, organisations and accounts."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import route_policy_id
from zorgafstemming.identity import service
from zorgafstemming.identity.principal import Principal, Role
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
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.runtime import Runtime


def _org_out(view: service.OrganisationView) -> OrganisationOut:
    return OrganisationOut(view.id, view.slug, view.name, view.kind, view.municipality)


def _user_out(view: service.AccountView) -> UserOut:
    return UserOut(view.id, view.role.value, view.organisation_id, view.status, view.email)


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post("/token", status_code=HTTP_200_OK, opt={"action": Action.PUBLIC_AUTH_TOKEN})
    async def token(
        self, data: TokenRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> TokenResponse:
        """Exchange email, password and TOTP code for an opaque bearer token."""
        principal = await service.authenticate(
            runtime, data.email, data.password, data.otp, audit_ctx
        )
        raw, _ = await service.issue_token(runtime, principal, audit_ctx)
        return TokenResponse(
            access_token=raw,
            token_type="Bearer",  # noqa: S106 - the RFC 6750 scheme name
            expires_in=runtime.settings.session_idle_minutes * 60,
        )

    @post("/logout", status_code=HTTP_204_NO_CONTENT, opt={"action": Action.IDENTITY_AUTH_LOGOUT})
    async def logout(self, principal: Principal, runtime: Runtime, audit_ctx: AuditContext) -> None:
        """Revoke the token used for this request."""
        async with runtime.sessions() as session, session.begin():
            await service.revoke_credential(session, runtime, audit_ctx, principal)

    @get("/me", opt={"action": Action.IDENTITY_AUTH_ME})
    async def me(self, principal: Principal) -> Me:
        """Who the token belongs to."""
        return Me(principal.account_id, principal.role.value, principal.organisation_id)

    @post("/activate", status_code=HTTP_200_OK, opt={"action": Action.PUBLIC_AUTH_ACTIVATE})
    async def activate(
        self, data: ActivateRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> ActivateResponse:
        """Set the password with a one-time activation token; returns the TOTP enrolment."""
        enrolment = await service.activate(runtime, audit_ctx, data.token, data.password)
        return ActivateResponse(enrolment.otpauth_uri, enrolment.qr_svg, enrolment.secret)

    @post(
        "/activate/confirm",
        status_code=HTTP_204_NO_CONTENT,
        opt={"action": Action.PUBLIC_AUTH_ACTIVATE},
    )
    async def confirm(
        self, data: ConfirmRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> None:
        """Confirm TOTP enrolment with a first code; the account becomes usable."""
        await service.confirm_activation(runtime, audit_ctx, data.token, data.otp)


class OrganisationController(Controller):
    path = "/organisations"
    tags = ["organisations"]

    @get("/", opt={"action": Action.IDENTITY_ORGANISATION_LIST})
    async def list_organisations(self, runtime: Runtime) -> list[OrganisationOut]:
        """Every partner organisation."""
        async with runtime.sessions() as session:
            return [_org_out(v) for v in await service.list_organisations(session)]

    @post("/", opt={"action": Action.IDENTITY_ORGANISATION_CREATE})
    async def create_organisation(
        self, data: OrganisationIn, runtime: Runtime, audit_ctx: AuditContext
    ) -> OrganisationOut:
        """Add a partner organisation."""
        async with runtime.sessions() as session, session.begin():
            view = await service.create_organisation(
                session,
                runtime,
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
        async with runtime.sessions() as session:
            return _org_out(await service.get_organisation(session, organisation_id))


class UserController(Controller):
    path = "/users"
    tags = ["users"]

    @get("/", opt={"action": Action.IDENTITY_USER_LIST})
    async def list_users(
        self,
        request: Request[Any, Any, Any],
        runtime: Runtime,
        audit_ctx: AuditContext,
        limit: Annotated[int, Parameter(ge=1, le=200)] = 50,
        offset: Annotated[int, Parameter(ge=0)] = 0,
    ) -> Page:
        """Accounts, paginated (the read is audited: it shows email addresses)."""
        async with runtime.sessions() as session, session.begin():
            await append(
                session,
                runtime.secrets.audit_key,
                audit_ctx,
                action=Action.IDENTITY_USER_LIST.value,
                outcome="allowed",
                at=runtime.clock(),
                object_type="account",
                policy_id=route_policy_id(request),
            )
            views = await service.list_accounts(session, runtime, limit=limit, offset=offset)
        return Page(items=[_user_out(v) for v in views], limit=limit, offset=offset)

    @post("/", opt={"action": Action.IDENTITY_USER_CREATE})
    async def create_user(
        self, data: UserIn, runtime: Runtime, audit_ctx: AuditContext
    ) -> Invitation:
        """Create an account; returns its one-time activation token."""
        try:
            role = Role(data.role)
        except ValueError:
            raise ValidationFailed(
                "The request breaks a rule.",
                extra={"errors": [{"field": "role", "message": "one of " + ", ".join(Role)}]},
            ) from None
        async with runtime.sessions() as session, session.begin():
            account_id, token = await service.create_account(
                session,
                runtime,
                audit_ctx,
                role=role,
                email=data.email,
                organisation_id=data.organisation_id,
            )
        return Invitation(account_id=account_id, activation_token=token)

    @get("/{account_id:uuid}", opt={"action": Action.IDENTITY_USER_READ})
    async def get_user(
        self,
        request: Request[Any, Any, Any],
        account_id: uuid.UUID,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> UserOut:
        """One account."""
        async with runtime.sessions() as session, session.begin():
            view = await service.get_account(session, runtime, account_id)
            await append(
                session,
                runtime.secrets.audit_key,
                audit_ctx,
                action=Action.IDENTITY_USER_READ.value,
                outcome="allowed",
                at=runtime.clock(),
                object_type="account",
                object_id=account_id,
                policy_id=route_policy_id(request),
            )
        return _user_out(view)

    @post(
        "/{account_id:uuid}/disable",
        status_code=HTTP_204_NO_CONTENT,
        opt={"action": Action.IDENTITY_USER_DISABLE},
    )
    async def disable(
        self, account_id: uuid.UUID, runtime: Runtime, audit_ctx: AuditContext
    ) -> None:
        """Disable the account; its sessions and tokens end at once."""
        async with runtime.sessions() as session, session.begin():
            await service.disable_account(session, runtime, audit_ctx, account_id)

    @post(
        "/{account_id:uuid}/reset-mfa",
        status_code=HTTP_200_OK,
        opt={"action": Action.IDENTITY_USER_RESET_MFA},
    )
    async def reset_mfa(
        self, account_id: uuid.UUID, runtime: Runtime, audit_ctx: AuditContext
    ) -> Invitation:
        """Lost phone: end sessions, clear the second factor, issue a new activation token."""
        async with runtime.sessions() as session, session.begin():
            token = await service.reset_mfa(session, runtime, audit_ctx, account_id)
        return Invitation(account_id=account_id, activation_token=token)

    @post(
        "/{account_id:uuid}/invite",
        status_code=HTTP_200_OK,
        opt={"action": Action.IDENTITY_USER_INVITE},
    )
    async def invite(
        self, account_id: uuid.UUID, runtime: Runtime, audit_ctx: AuditContext
    ) -> Invitation:
        """Re-invite (forgotten password, disabled account): a new activation token."""
        async with runtime.sessions() as session, session.begin():
            token = await service.reinvite(session, runtime, audit_ctx, account_id)
        return Invitation(account_id=account_id, activation_token=token)


ROUTES: list[Any] = [AuthController, OrganisationController, UserController]
