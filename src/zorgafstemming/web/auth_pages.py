"""Sign-in, sign-out and account activation (password, then TOTP enrolment with a QR code).

Staff open the link mailed to their own address (``/activeren?code=…``) and choose a password.
A family member types the code of the letter a worker handed over and their own e-mail address
(``/activeren``), then the code mailed to that address and a password (``/activeren/email``).
The letter's code travels between those steps in a sealed cookie, never in a URL.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import (
    activation,
    auth,
    family_activation,
    login,
    sessions,
    sign_ins,
    totp,
)
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.ratelimit import RateLimited
from zorgafstemming.problems import UnauthorizedError, ValidationFailed
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import sealed
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, home_for, render, see_other, svg_data_uri

ENROLMENT_COOKIE = "__Host-zorg_enrolment"
ENROLMENT_SECONDS = 15 * 60
LETTER_CODE_COOKIE = "__Host-zorg_letter_code"
LETTER_CODE_SECONDS = 30 * 60

SIGN_IN_FAILED = "Het e-mailadres, het wachtwoord of de code klopt niet."
TOO_MANY = "Te veel pogingen. Wacht enkele minuten en probeer het dan opnieuw."
TOKEN_INVALID = "Deze activeringscode is ongeldig, verlopen of al gebruikt. Vraag een nieuwe aan."  # noqa: S105 - a message shown to the user
CODE_INVALID = "Deze code klopt niet. Typ de zes cijfers die uw app nu toont."
LETTER_INVALID = (
    "Deze activeringscode klopt niet, is verlopen of werd al gebruikt, of dit e-mailadres kan "
    "niet worden gebruikt. Kijk de code na of vraag de hulpverlener om een nieuwe brief."
)
EMAIL_CODE_INVALID = (
    "Deze bevestigingscode klopt niet of is verlopen. Kijk de e-mail na, of begin opnieuw om "
    "een nieuwe code te krijgen."
)


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
        """Step 1 of activation: the mailed link's code and a new password (staff), or the
        letter's code and one's own e-mail address (family)."""
        code = request.query_params.get("code", "")
        if code:
            return render(request, "activate.html", form={"token": code[:256]})
        return render(request, "activate_letter.html")

    def _enrolment_response(
        self, runtime: Runtime, enrolment: activation.Enrolment, credential: dict[str, str]
    ) -> Redirect:
        cookie = sealed.seal(
            runtime,
            ENROLMENT_COOKIE,
            # The QR code is drawn again from the URI: the SVG would not fit a cookie.
            {**credential, "secret": enrolment.secret, "uri": enrolment.otpauth_uri},
            ENROLMENT_SECONDS,
        )
        response = see_other("/activeren/app")
        response.cookies.append(cookie)
        response.cookies.append(sealed.cleared(LETTER_CODE_COOKIE))
        return response

    @staticmethod
    def _password_errors(form: Any) -> dict[str, str]:
        password = form.raw("password")
        if not password:
            return {"password": "Kies een wachtwoord."}
        if password != form.raw("password_repeat"):
            return {"password_repeat": "De twee wachtwoorden zijn niet gelijk."}
        return {}

    @form_post("/activeren", Action.PUBLIC_AUTH_ACTIVATE)
    async def activate(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Set the password with the mailed link's code; the TOTP enrolment waits, sealed,
        for step 2."""
        form = await read_form(request)
        token, password = form.get("token"), form.raw("password")
        errors: dict[str, str] = {}
        if not token:
            errors["token"] = "Vul de activeringscode in die u kreeg."  # noqa: S105 - a message shown to the user
        errors.update(self._password_errors(form))
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
                return self._enrolment_response(runtime, enrolment, {"token": token})
        return render(request, "activate.html", status=422, errors=errors, form=form.echo("token"))

    @form_post("/activeren/brief", Action.PUBLIC_AUTH_ACTIVATE)
    async def letter_code(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Family step 1: the letter's code and one's own e-mail address; a code goes to that
        address, and the letter's code waits, sealed, for step 2."""
        form = await read_form(request)
        code, email = form.get("code"), form.get("email")
        errors: dict[str, str] = {}
        if not code:
            errors["code"] = "Vul de activeringscode uit uw brief in."
        if not email:
            errors["email"] = "Vul uw e-mailadres in."
        status = 422
        if not errors:
            try:
                await family_activation.request_email_code(runtime, audit_ctx, code, email)
            except RateLimited:
                errors["code"], status = TOO_MANY, 429
            except ValidationFailed:
                errors["email"] = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.be."
            except UnauthorizedError:
                errors["code"] = LETTER_INVALID
            else:
                response = see_other("/activeren/email")
                response.cookies.append(
                    sealed.seal(runtime, LETTER_CODE_COOKIE, {"code": code}, LETTER_CODE_SECONDS)
                )
                return response
        return render(
            request,
            "activate_letter.html",
            status=status,
            errors=errors,
            form=form.echo("email"),
        )

    @get("/activeren/email", opt={"action": Action.PUBLIC_AUTH_ACTIVATE})
    async def email_code_form(
        self, request: Request[Any, Any, Any], runtime: Runtime
    ) -> Template | Redirect:
        """Family step 2: the code from the e-mail and a new password."""
        if sealed.unseal(runtime, request, LETTER_CODE_COOKIE) is None:
            return see_other("/activeren")
        return render(request, "activate_email.html")

    @form_post("/activeren/email", Action.PUBLIC_AUTH_ACTIVATE)
    async def email_code(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Check the mailed code, set the password; the TOTP enrolment waits for step 3."""
        state = sealed.unseal(runtime, request, LETTER_CODE_COOKIE)
        if state is None:
            return see_other("/activeren")
        form = await read_form(request)
        email_code = form.get("email_code")
        errors: dict[str, str] = {}
        if not email_code:
            errors["email_code"] = "Vul de bevestigingscode uit de e-mail in."
        errors.update(self._password_errors(form))
        status = 422
        if not errors:
            code = str(state["code"])
            try:
                enrolment = await family_activation.verify_email_and_set_password(
                    runtime, audit_ctx, code, email_code, form.raw("password")
                )
            except RateLimited:
                errors["email_code"], status = TOO_MANY, 429
            except ValidationFailed as exc:
                errors["password"] = _password_message(exc)
            except UnauthorizedError:
                errors["email_code"] = EMAIL_CODE_INVALID
            else:
                return self._enrolment_response(runtime, enrolment, {"code": code})
        return render(request, "activate_email.html", status=status, errors=errors)

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
            qr_src=svg_data_uri(totp.qr_svg(str(state["uri"]))),
            step="Stap 3 van 3" if "code" in state else "Stap 2 van 2",
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
            if "code" in state:
                await activation.confirm_family_activation(
                    runtime, audit_ctx, str(state["code"]), code
                )
            else:
                await activation.confirm_activation(runtime, audit_ctx, str(state["token"]), code)
        except RateLimited:
            return self._enrolment_page(request, state, {"otp": TOO_MANY}, 429)
        except UnauthorizedError:
            return self._enrolment_page(request, state, {"otp": CODE_INVALID}, 422)
        response = see_other("/aanmelden", "geactiveerd")
        response.cookies.append(sealed.cleared(ENROLMENT_COOKIE))
        return response
