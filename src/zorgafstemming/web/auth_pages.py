"""Sign-in, sign-out and account activation (password, then TOTP enrolment with a QR code)."""

from __future__ import annotations

import base64
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import activation, auth, login, sessions, sign_ins, totp
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.ratelimit import RateLimited
from zorgafstemming.problems import UnauthorizedError, ValidationFailed
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import sealed
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, home_for, render, see_other

ENROLMENT_COOKIE = "__Host-zorg_enrolment"
ENROLMENT_SECONDS = 15 * 60

SIGN_IN_FAILED = "Het e-mailadres, het wachtwoord of de code klopt niet."
TOO_MANY = "Te veel pogingen. Wacht enkele minuten en probeer het dan opnieuw."
TOKEN_INVALID = "Deze activeringscode is ongeldig, verlopen of al gebruikt. Vraag een nieuwe aan."  # noqa: S105 - a message shown to the user
CODE_INVALID = "Deze code klopt niet. Typ de zes cijfers die uw app nu toont."


def _password_message(exc: ValidationFailed) -> str:
    """Dutch for the service's password refusal (too short, too long, too easy)."""
    text = " ".join(
        str(e.get("message", "")) for e in exc.extra.get("errors", []) if isinstance(e, dict)
    )
    if "at least" in text:
        return "Uw wachtwoord moet minstens 12 tekens lang zijn."
    if "at most" in text:
        return "Uw wachtwoord mag hoogstens 128 tekens lang zijn."
    return (
        "Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld een zin van vier of meer "
        "woorden die niet bij elkaar horen."
    )


def _svg_data_uri(svg: str) -> str:
    """An SVG as a data: URI for an <img> (allowed by the CSP; inline markup would need ARIA)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


class AuthPages(Controller):
    """Sign-in, sign-out and activation pages."""

    include_in_schema = False

    @form_post("/aanmelden", Action.PUBLIC_AUTH_TOKEN)
    async def sign_in(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Check e-mail, password and code; on success start a web session and go home."""
        form = await read_form(request)
        errors: dict[str, str] = {}
        if not form.get("email"):
            errors["email"] = "Vul uw e-mailadres in."
        if not form.raw("password"):
            errors["password"] = "Vul uw wachtwoord in."  # noqa: S105 - a message shown to the user
        if not form.get("otp"):
            errors["otp"] = "Vul de code uit uw authenticator-app in."
        status = 422
        if not errors:
            try:
                principal = await login.authenticate(
                    runtime, form.get("email"), form.raw("password"), form.get("otp"), audit_ctx
                )
            except RateLimited:
                errors, status = {"email": TOO_MANY}, 429
            except UnauthorizedError:
                errors = {"email": SIGN_IN_FAILED}
            else:
                async with runtime.unit_of_work() as uow:
                    secret, principal = await sessions.start_session(
                        uow,
                        audit_ctx,
                        principal,
                        previous=request.cookies.get(sessions.SESSION_COOKIE),
                    )
                    await sign_ins.note_sign_in(uow, audit_ctx, principal)
                return Redirect(
                    path=home_for(principal),
                    status_code=303,
                    cookies=[auth.session_cookie(runtime, secret)],
                )
        return render(request, "signin.html", status=status, errors=errors, form=form.echo("email"))

    @form_post("/afmelden", Action.IDENTITY_AUTH_LOGOUT)
    async def sign_out(
        self,
        request: Request[Any, Any, Any],
        principal: Principal,
        runtime: Runtime,
        audit_ctx: AuditContext,
    ) -> Redirect:
        """End the web session at once and forget its cookie."""
        async with runtime.unit_of_work() as uow:
            await sessions.end_session(uow, audit_ctx, request.cookies.get(sessions.SESSION_COOKIE))
        response = see_other("/aanmelden", "afgemeld")
        response.cookies.append(auth.expired_session_cookie(runtime))
        return response

    @get("/activeren", opt={"action": Action.PUBLIC_AUTH_ACTIVATE})
    async def activation_form(self, request: Request[Any, Any, Any]) -> Template:
        """Step 1 of activation: the one-time code and a new password."""
        code = request.query_params.get("code", "")
        return render(request, "activate.html", form={"token": code[:256]})

    @form_post("/activeren", Action.PUBLIC_AUTH_ACTIVATE)
    async def activate(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Set the password; the TOTP enrolment waits, sealed, for step 2."""
        form = await read_form(request)
        token, password = form.get("token"), form.raw("password")
        errors: dict[str, str] = {}
        if not token:
            errors["token"] = "Vul de activeringscode in die u kreeg."  # noqa: S105 - a message shown to the user
        if not password:
            errors["password"] = "Kies een wachtwoord."  # noqa: S105 - a message shown to the user
        elif password != form.raw("password_repeat"):
            errors["password_repeat"] = "De twee wachtwoorden zijn niet gelijk."  # noqa: S105 - a message shown to the user
        if not errors:
            try:
                enrolment = await activation.activate(runtime, audit_ctx, token, password)
            except RateLimited:
                errors["token"] = TOO_MANY
            except ValidationFailed as exc:
                errors["password"] = _password_message(exc)
            except UnauthorizedError:
                errors["token"] = TOKEN_INVALID
            else:
                cookie = sealed.seal(
                    runtime,
                    ENROLMENT_COOKIE,
                    # The QR code is drawn again from the URI: the SVG would not fit a cookie.
                    {"token": token, "secret": enrolment.secret, "uri": enrolment.otpauth_uri},
                    ENROLMENT_SECONDS,
                )
                response = see_other("/activeren/app")
                response.cookies.append(cookie)
                return response
        return render(request, "activate.html", status=422, errors=errors, form=form.echo("token"))

    @get("/activeren/app", opt={"action": Action.PUBLIC_AUTH_ACTIVATE})
    async def enrolment_form(
        self, request: Request[Any, Any, Any], runtime: Runtime
    ) -> Template | Redirect:
        """Step 2 of activation: scan the QR code, then type the first code."""
        state = sealed.unseal(runtime, request, ENROLMENT_COOKIE)
        if state is None:
            return see_other("/activeren")
        return self._enrolment_page(request, state, {}, 200)

    @staticmethod
    def _enrolment_page(
        request: Request[Any, Any, Any], state: dict[str, Any], errors: dict[str, str], status: int
    ) -> Template:
        secret = str(state["secret"])
        return render(
            request,
            "enrol.html",
            status=status,
            errors=errors,
            qr_src=_svg_data_uri(totp.qr_svg(str(state["uri"]))),
            secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
        )

    @form_post("/activeren/app", Action.PUBLIC_AUTH_ACTIVATE)
    async def confirm(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Confirm the authenticator with its first code; the account is then active."""
        state = sealed.unseal(runtime, request, ENROLMENT_COOKIE)
        if state is None:
            return see_other("/activeren")
        form = await read_form(request)
        code = form.get("otp").replace(" ", "")
        if not code:
            return self._enrolment_page(
                request, state, {"otp": "Vul de code uit uw authenticator-app in."}, 422
            )
        try:
            await activation.confirm_activation(runtime, audit_ctx, str(state["token"]), code)
        except RateLimited:
            return self._enrolment_page(request, state, {"otp": TOO_MANY}, 429)
        except UnauthorizedError:
            return self._enrolment_page(request, state, {"otp": CODE_INVALID}, 422)
        response = see_other("/aanmelden", "geactiveerd")
        response.cookies.append(sealed.cleared(ENROLMENT_COOKIE))
        return response
