"""Functional administration: partner organisations and staff accounts."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.bounds import MAX_OFFSET, parse_count
from zorgafstemming.identity import accounts, organisations
from zorgafstemming.identity import rules as identity_rules
from zorgafstemming.identity.accounts import Renewal
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Role
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import labels, sealed
from zorgafstemming.web.forms import field_errors, read_form
from zorgafstemming.web.pages import activation_link, form_post, render, see_other

INVITATION_COOKIE = "__Host-zorg_invitation"
INVITATION_SECONDS = 10 * 60
PAGE_SIZE = 200

ORGANISATION_MESSAGES = {
    "slug": "Gebruik enkel kleine letters, cijfers en koppeltekens (hoogstens 64 tekens).",
    "name": "Vul een naam in van hoogstens 200 tekens.",
    "kind": "Kies het soort organisatie.",
    "municipality": "Kies een gemeente.",
}
ACCOUNT_MESSAGES = {
    "email": "Vul een geldig e-mailadres in.",
    "role": "Kies een rol.",
    "organisation_id": "Een hulpverlener hoort bij één organisatie; andere rollen bij geen enkele.",
}


class AdminPages(Controller):
    """Organisations and accounts, for the functional administrator."""

    path = "/beheer"
    include_in_schema = False

    async def _organisations_page(
        self,
        request: Request[Any, Any, Any],
        runtime: Runtime,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        async with runtime.unit_of_work() as uow:
            listed = await organisations.list_organisations(uow)
        return render(
            request,
            "admin/organisations.html",
            status=status,
            errors=errors or {},
            form=form or {},
            organisations=listed,
            kinds=list(labels.ORGANISATION_KINDS.items()),
            kind_label=labels.ORGANISATION_KINDS,
            municipalities=[(m, m) for m in identity_rules.MUNICIPALITIES],
        )

    @get("/organisaties", opt={"action": Action.IDENTITY_ORGANISATION_LIST})
    async def organisations(self, request: Request[Any, Any, Any], runtime: Runtime) -> Template:
        """Every partner organisation, and a form to add one."""
        return await self._organisations_page(request, runtime)

    @form_post("/organisaties", Action.IDENTITY_ORGANISATION_CREATE)
    async def create_organisation(
        self, request: Request[Any, Any, Any], runtime: Runtime, audit_ctx: AuditContext
    ) -> Redirect | Template:
        """Add a partner organisation."""
        form = await read_form(request)
        echo = form.echo("slug", "name", "kind", "municipality")
        missing = {
            "name": "Vul de naam van de organisatie in.",
            "slug": "Vul een korte naam in, bijvoorbeeld ocmw-zoersel.",
            "kind": "Kies het soort organisatie.",
            "municipality": "Kies een gemeente.",
        }
        errors = {name: text for name, text in missing.items() if not form.get(name)}
        if errors:
            return await self._organisations_page(request, runtime, errors, echo, 422)
        try:
            async with runtime.unit_of_work() as uow:
                await organisations.create_organisation(
                    uow,
                    audit_ctx,
                    slug=form.get("slug"),
                    name=form.get("name"),
                    kind=form.get("kind"),
                    municipality=form.get("municipality"),
                )
        except ValidationFailed as exc:
            errors = field_errors(exc, ORGANISATION_MESSAGES, "slug")
            return await self._organisations_page(request, runtime, errors, echo, 422)
        except ConflictError:
            errors = {"slug": "Deze korte naam is al in gebruik door een andere organisatie."}
            return await self._organisations_page(request, runtime, errors, echo, 409)
        return see_other("/beheer/organisaties", "organisatie-toegevoegd")

    async def _accounts_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        try:
            offset = parse_count(request.query_params.get("vanaf", "0"), MAX_OFFSET)
        except ValueError:
            offset = 0
        async with caller.unit_of_work() as uow:
            # The list shows e-mail addresses: the read is audited like the API's.
            await record(
                uow, caller.ctx, Action.IDENTITY_USER_LIST, "allowed", object_type="account"
            )
            listed = await accounts.list_accounts(uow, limit=PAGE_SIZE + 1, offset=offset)
            partners = await organisations.list_organisations(uow)
        invitation = sealed.unseal(caller.runtime, request, INVITATION_COOKIE)
        page = render(
            request,
            "admin/accounts.html",
            status=status,
            errors=errors or {},
            form=form or {},
            accounts=[a for a in listed[:PAGE_SIZE] if a.role is not Role.FAMILY],
            next_offset=offset + PAGE_SIZE if len(listed) > PAGE_SIZE else None,
            organisations=partners,
            organisation_name={o.id: o.name for o in partners},
            roles=[(r.value, labels.ROLES[r.value]) for r in Role if r is not Role.FAMILY],
            role_label=labels.ROLES,
            status_label=labels.ACCOUNT_STATUSES,
            invitation=invitation,
        )
        if invitation is not None:
            # The activation link is shown once; a reload no longer shows it.
            page.cookies.append(sealed.cleared(INVITATION_COOKIE))
        return page

    @get("/accounts", opt={"action": Action.IDENTITY_USER_LIST})
    async def accounts(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Staff accounts, and a form to invite one."""
        return await self._accounts_page(request, caller)

    def _with_invitation(self, runtime: Runtime, token: str, notice: str) -> Redirect:
        response = see_other("/beheer/accounts", notice)
        response.cookies.append(
            sealed.seal(
                runtime,
                INVITATION_COOKIE,
                {"link": activation_link(runtime.settings, token)},
                INVITATION_SECONDS,
            )
        )
        return response

    async def _renewed(
        self, request: Request[Any, Any, Any], caller: Caller, account_id: uuid.UUID, renew: Renewal
    ) -> Redirect:
        async with caller.unit_of_work() as uow:
            token = await renew(uow, caller.ctx, caller.principal, account_id)
        return self._with_invitation(caller.runtime, token, "account-uitgenodigd")

    @form_post("/accounts", Action.IDENTITY_USER_CREATE)
    async def create_account(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Invite a staff member: the page then shows their one-time activation link."""
        form = await read_form(request)
        echo = form.echo("email", "role", "organisation_id")
        errors: dict[str, str] = {}
        try:
            role = Role(form.get("role"))
        except ValueError:
            errors["role"] = ACCOUNT_MESSAGES["role"]
        organisation_id: uuid.UUID | None = None
        if form.get("organisation_id"):
            try:
                organisation_id = uuid.UUID(form.get("organisation_id"))
            except ValueError:
                errors["organisation_id"] = ACCOUNT_MESSAGES["organisation_id"]
        if not form.get("email"):
            errors["email"] = "Vul het e-mailadres in."
        if errors:
            return await self._accounts_page(request, caller, errors, echo, 422)
        try:
            async with caller.unit_of_work() as uow:
                _, token = await accounts.create_account(
                    uow,
                    caller.ctx,
                    caller.principal,
                    role=role,
                    email=form.get("email"),
                    organisation_id=organisation_id,
                )
        except ValidationFailed as exc:
            errors = field_errors(exc, ACCOUNT_MESSAGES, "email")
            return await self._accounts_page(request, caller, errors, echo, 422)
        except ConflictError:
            errors = {"email": "Er bestaat al een account met dit e-mailadres."}
            return await self._accounts_page(request, caller, errors, echo, 409)
        return self._with_invitation(caller.runtime, token, "account-aangemaakt")

    @form_post("/accounts/{account_id:uuid}/uitschakelen", Action.IDENTITY_USER_DISABLE)
    async def disable(self, account_id: uuid.UUID, caller: Caller) -> Redirect:
        """Disable an account; its sessions end at once."""
        async with caller.unit_of_work() as uow:
            await accounts.disable_account(uow, caller.ctx, caller.principal, account_id)
        return see_other("/beheer/accounts", "account-uitgeschakeld")

    @form_post("/accounts/{account_id:uuid}/opnieuw-uitnodigen", Action.IDENTITY_USER_INVITE)
    async def reinvite(
        self, request: Request[Any, Any, Any], account_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """A new activation link (forgotten password, disabled account)."""
        return await self._renewed(request, caller, account_id, accounts.reinvite)

    @form_post(
        "/accounts/{account_id:uuid}/tweede-factor-herstellen", Action.IDENTITY_USER_RESET_MFA
    )
    async def reset_mfa(
        self, request: Request[Any, Any, Any], account_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """Lost phone: the person activates again with a new link."""
        return await self._renewed(request, caller, account_id, accounts.reset_mfa)
