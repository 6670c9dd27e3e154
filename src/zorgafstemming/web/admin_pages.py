"""Functional administration: partner organisations and staff accounts.

The administrator never sees an activation link: it goes by mail to the staff member's own
address. Privileged changes become requests that a second administrator or the DPO decides
(listed here, with buttons for everyone but the person who asked).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import account_admin, account_changes, accounts, organisations
from zorgafstemming.identity import rules as identity_rules
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.runtime import Runtime, UnitOfWork
from zorgafstemming.web import labels
from zorgafstemming.web.forms import Refusal, field_errors, read_form
from zorgafstemming.web.pages import NOTICES, form_post, render, see_other

PAGE_SIZE = 200

ORGANISATION_MESSAGES = {
    "slug": "Gebruik enkel kleine letters, cijfers en koppeltekens (hoogstens 64 tekens).",
    "name": "Vul een naam in van hoogstens 200 tekens.",
    "kind": "Kies het soort organisatie.",
    "municipality": "Kies een gemeente.",
}
CHANGE_MESSAGE = (
    "Kies een andere rol of organisatie dan het account nu heeft. Een hulpverlener hoort bij "
    "één organisatie; de andere rollen bij geen enkele."
)
ACCOUNT_MESSAGES = {
    "email": "Vul een geldig e-mailadres in.",
    "role": "Kies een rol.",
    "organisation_id": "Een hulpverlener hoort bij één organisatie; andere rollen bij geen enkele.",
}


NOT_CHANGED = NOTICES["account-niet-gewijzigd"]
Renewal = Callable[
    [UnitOfWork, AuditContext, Principal, uuid.UUID], Awaitable[account_admin.Outcome]
]


def outcome_notice(outcome: account_admin.Outcome, done: str) -> str:
    """The notice after an account action: ``done``, or that a second person must approve."""
    return "account-aangevraagd" if outcome.status == "pending-approval" else done


class AdminPages(Controller):
    """Organisations and accounts, for the functional administrator."""

    path = "/beheer"
    include_in_schema = False

    async def _organisations_page(
        self, request: Request[Any, Any, Any], runtime: Runtime, refusal: Refusal | None = None
    ) -> Template:
        async with runtime.unit_of_work() as uow:
            listed = await organisations.list_organisations(uow)
        return render(
            request,
            "admin/organisations.html",
            **(refusal.context() if refusal else {}),
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
            return await self._organisations_page(request, runtime, Refusal(errors, echo))
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
        except (ValidationFailed, ConflictError) as exc:
            taken = {"slug": "Deze korte naam is al in gebruik door een andere organisatie."}
            refusal = Refusal.of(exc, ORGANISATION_MESSAGES, "slug", echo, taken)
            return await self._organisations_page(request, runtime, refusal)
        return see_other("/beheer/organisaties", "organisatie-toegevoegd")

    async def _accounts_page(
        self, request: Request[Any, Any, Any], caller: Caller, refusal: Refusal | None = None
    ) -> Template:
        after = request.query_params.get("na") or None
        async with caller.unit_of_work() as uow:
            # The list shows e-mail addresses: the read is audited like the API's.
            try:
                listed, next_cursor = await accounts.list_accounts_audited(
                    uow, caller.ctx, limit=PAGE_SIZE, after=after
                )
            except ValidationFailed:  # a cursor we did not make: start at the first page
                after = None
                listed, next_cursor = await accounts.list_accounts_audited(
                    uow, caller.ctx, limit=PAGE_SIZE
                )
            partners = await organisations.list_organisations(uow)
            waiting = (
                await account_changes.list_changes(uow, pending_only=True, limit=PAGE_SIZE)
            ).items
        me = caller.principal.account_id
        staff_roles = [(r.value, labels.ROLES[r.value]) for r in Role if r is not Role.FAMILY]
        return render(
            request,
            "admin/accounts.html",
            **(refusal.context() if refusal else {}),
            accounts=[a for a in listed if a.role is not Role.FAMILY],
            next=next_cursor,
            first=after is None,
            organisations=partners,
            organisation_name={o.id: o.name for o in partners},
            roles=staff_roles,
            role_label=labels.ROLES,
            status_label=labels.ACCOUNT_STATUSES,
            changes=[(c, account_changes.involves(c, me)) for c in waiting],
            kind_label=labels.ACCOUNT_CHANGE_KINDS,
            waiting_for={c.account_id for c in waiting},
        )

    @get("/accounts", opt={"action": Action.IDENTITY_USER_LIST})
    async def accounts(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Staff accounts, and a form to invite one."""
        return await self._accounts_page(request, caller)

    async def _renewed(self, caller: Caller, account_id: uuid.UUID, renew: Renewal) -> Redirect:
        try:
            async with caller.unit_of_work() as uow:
                outcome = await renew(uow, caller.ctx, caller.principal, account_id)
        except ConflictError:
            return see_other("/beheer/accounts", "account-niet-gewijzigd")
        return see_other("/beheer/accounts", outcome_notice(outcome, "account-uitgenodigd"))

    @form_post("/accounts", Action.IDENTITY_USER_CREATE)
    async def create_account(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Invite a staff member: a social worker's activation link goes to their own address at
        once; an administrator's or DPO's account waits for a second person's approval."""
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
            return await self._accounts_page(request, caller, Refusal(errors, echo))
        try:
            async with caller.unit_of_work() as uow:
                outcome = await account_admin.invite_staff(
                    uow,
                    caller.ctx,
                    caller.principal,
                    role=role,
                    email=form.get("email"),
                    organisation_id=organisation_id,
                )
        except (ValidationFailed, ConflictError) as exc:
            taken = {"email": "Er bestaat al een account met dit e-mailadres."}
            refusal = Refusal.of(exc, ACCOUNT_MESSAGES, "email", echo, taken)
            return await self._accounts_page(request, caller, refusal)
        return see_other("/beheer/accounts", outcome_notice(outcome, "account-aangemaakt"))

    @form_post("/accounts/{account_id:uuid}/uitschakelen", Action.IDENTITY_USER_DISABLE)
    async def disable(self, account_id: uuid.UUID, caller: Caller) -> Redirect:
        """Disable an account; its sessions end at once."""
        async with caller.unit_of_work() as uow:
            await accounts.disable_account(uow, caller.ctx, caller.principal, account_id)
        return see_other("/beheer/accounts", "account-uitgeschakeld")

    @form_post("/accounts/{account_id:uuid}/opnieuw-uitnodigen", Action.IDENTITY_USER_INVITE)
    async def reinvite(self, account_id: uuid.UUID, caller: Caller) -> Redirect:
        """A new activation link to the account's own address (forgotten password, disabled
        account); for an account someone holds, a request a second person approves."""
        return await self._renewed(caller, account_id, account_admin.reinvite)

    @form_post(
        "/accounts/{account_id:uuid}/tweede-factor-herstellen", Action.IDENTITY_USER_RESET_MFA
    )
    async def reset_mfa(self, account_id: uuid.UUID, caller: Caller) -> Redirect:
        """Lost phone: a request that, once approved, sends a new link to the person."""
        return await self._renewed(caller, account_id, account_admin.reset_mfa)

    @form_post("/accounts/{account_id:uuid}/wijzigen", Action.IDENTITY_ACCOUNT_CHANGE_REQUEST)
    async def request_change(
        self, request: Request[Any, Any, Any], account_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Ask for a new role or organisation; it applies once a second person approves it."""
        form = await read_form(request)
        errors: dict[str, str] = {}
        role: Role | None = None
        organisation_id: uuid.UUID | None = None
        try:
            role = Role(form.get("role"))
        except ValueError:
            errors["change"] = ACCOUNT_MESSAGES["role"]
        if form.get("organisation_id"):
            try:
                organisation_id = uuid.UUID(form.get("organisation_id"))
            except ValueError:
                errors["change"] = ACCOUNT_MESSAGES["organisation_id"]
        if not errors:
            try:
                async with caller.unit_of_work() as uow:
                    await account_admin.request_change(
                        uow,
                        caller.ctx,
                        caller.principal,
                        account_id,
                        role=role,
                        organisation_id=organisation_id,
                        organisation_given=True,
                    )
            except ValidationFailed as exc:
                messages = {**ACCOUNT_MESSAGES, "role": CHANGE_MESSAGE}
                errors = {"change": next(iter(field_errors(exc, messages, "role").values()))}
            except ConflictError:
                errors = {"change": NOT_CHANGED}
            else:
                return see_other("/beheer/accounts", "account-aangevraagd")
        return await self._accounts_page(request, caller, Refusal(errors))
