"""HTTP API of sign-in and activation: tokens, sign-out, who am I, and the activation steps."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_202_ACCEPTED,
    HTTP_204_NO_CONTENT,
)

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity import activation, family_activation, login, rules, sign_ins
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.identity.schemas import (
    ActivateRequest,
    ActivateResponse,
    ConfirmRequest,
    Me,
    TokenRequest,
    TokenResponse,
    VerificationSent,
)
from zorgafstemming.runtime import Runtime


def _given(data: ActivateRequest) -> frozenset[str]:
    return frozenset(name for name in data.__struct_fields__ if getattr(data, name) is not None)


class AuthController(Controller):
    """Sign-in for a bearer token, sign-out, who am I, and the activation steps."""

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
            await sign_ins.note_sign_in(uow, audit_ctx, principal)
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
    ) -> Response[ActivateResponse | VerificationSent]:
        """One step of an activation; the fields given say which.

        Staff — ``{token, password}`` with the token of the link mailed to their own address:
        sets the password and returns the TOTP enrolment.

        Family member, with the letter a social worker handed over:

        1. ``{code, email}`` — the letter's in-person code and the person's own e-mail address:
           an eight-digit code is mailed to that address (202, valid 30 minutes).
        2. ``{code, email_code, password}`` — the letter's code, the mailed code and a new
           password: the address becomes the account's sign-in address; returns the TOTP
           enrolment.

        Then ``/activate/confirm`` with a first code from the app. Every refusal (a wrong,
        spent or expired code, an address of another account) is the same 401.
        """
        given = _given(data)
        if given == {"token", "password"} and data.token and data.password is not None:
            enrolment = await activation.activate(runtime, audit_ctx, data.token, data.password)
        elif given == {"code", "email"} and data.code and data.email is not None:
            await family_activation.request_email_code(runtime, audit_ctx, data.code, data.email)
            sent = VerificationSent(
                status="verification-sent",
                expires_in=int(rules.EMAIL_CODE_TTL.total_seconds()),
            )
            return Response(sent, status_code=HTTP_202_ACCEPTED)
        elif (
            given == {"code", "email_code", "password"}
            and data.code
            and data.email_code is not None
            and data.password is not None
        ):
            enrolment = await family_activation.verify_email_and_set_password(
                runtime, audit_ctx, data.code, data.email_code, data.password
            )
        else:
            raise invalid(
                "token",
                "send {token, password}, {code, email} or {code, email_code, password}",
            )
        body = ActivateResponse(enrolment.otpauth_uri, enrolment.qr_svg, enrolment.secret)
        return Response(body, status_code=HTTP_200_OK)

    @post_as(Action.PUBLIC_AUTH_ACTIVATE, "/activate/confirm", status_code=HTTP_204_NO_CONTENT)
    async def confirm(
        self, data: ConfirmRequest, runtime: Runtime, audit_ctx: AuditContext
    ) -> None:
        """Confirm TOTP enrolment with a first code, with the link's ``token`` (staff) or the
        letter's ``code`` (family); the account becomes usable."""
        if data.token and data.code is None:
            await activation.confirm_activation(runtime, audit_ctx, data.token, data.otp)
        elif data.code and data.token is None:
            await activation.confirm_family_activation(runtime, audit_ctx, data.code, data.otp)
        else:
            raise invalid("token", "send either token or code")
