"""The social worker's pages of the warm hand-over: referring a family (from the file page),
the organisation's referral inbox with accept and decline, offering and answering the lead,
leaving a file, choosing the organisation's contact person."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.references import file_reference
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.referral_schemas import ReferralDeclineIn, ReferralIn
from zorgafstemming.coordination.restriction.errors import Restricted
from zorgafstemming.coordination.service import (
    contacts,
    files,
    lead_handover,
    leaving,
    referrals,
)
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_DEFAULT
from zorgafstemming.problems import ConflictError, ForbiddenError, ProblemError, ValidationFailed
from zorgafstemming.web import handover_labels, labels
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.handover_context import referral_choices
from zorgafstemming.web.pages import form_post, render, see_other

REFERRAL_FIELDS = ("to_organisation_id", "purpose", "urgency", "note_category", "note")
MESSAGES = {
    "to_organisation_id": "Kies een andere organisatie die nog niet meewerkt.",
    "purpose": "Kies een doel.",
    "urgency": "Kies hoe dringend het is.",
    "note_category": "Kies de soort gegevens in de notitie.",
    "note": "Schrijf een overdrachtsnotitie (hoogstens 20 000 tekens).",
}


def _referral_input(form: FormData) -> tuple[ReferralIn | None, dict[str, str]]:
    """The referral the form asks for, or the Dutch message per field that is wrong."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {name: form.get(name).strip() for name in REFERRAL_FIELDS}
    for name in REFERRAL_FIELDS:
        if not values[name]:
            errors[name] = MESSAGES[name]
    try:
        values["to_organisation_id"] = str(uuid.UUID(values["to_organisation_id"]))
    except ValueError:
        errors["to_organisation_id"] = MESSAGES["to_organisation_id"]
    if errors:
        return None, errors
    try:
        return msgspec.convert(values, ReferralIn), {}
    except msgspec.ValidationError as exc:
        wrong = next((n for n in REFERRAL_FIELDS if f"$.{n}" in str(exc)), "note")
        return None, {wrong: MESSAGES[wrong]}


def _refused(request: Request[Any, Any, Any], message: str, back: str, status: int) -> Template:
    return render(
        request, "worker/handover_refused.html", status=status, message=message, back=back
    )


class WorkerHandoverPages(Controller):
    """Pages of the social worker about referrals, the lead, leaving and contact persons."""

    include_in_schema = False

    async def _referral_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            organisations = await identity_organisations.list_organisations(uow)
        return render(
            request,
            "worker/referral.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            reference=file_reference(caller.runtime.secrets.audit_key, file_id),
            handover=referral_choices(view, organisations, caller.principal.organisation_id),
        )

    @get("/dossiers/{file_id:uuid}/verwijzen", opt={"action": Action.COORDINATION_FILE_READ})
    async def referral_form(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The referral form on a page of its own (also shown again with its errors)."""
        return await self._referral_page(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/verwijzingen", Action.COORDINATION_REFERRAL_CREATE)
    async def refer(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Send a referral: to which organisation, for what, how urgent, with a note."""
        form = await read_form(request)
        data, errors = _referral_input(form)
        if data is not None:
            try:
                await caller.run(referrals.refer, file_id, data)
            except Restricted:
                return _refused(request, labels.RESTRICTED_NO_REFERRAL, f"/dossiers/{file_id}", 409)
            except ConsentRequired:
                errors["note_category"] = (
                    "De toestemming dekt deze soort gegevens niet voor uw organisatie. Kies een "
                    "andere soort of vraag eerst toestemming."
                )
            except ConflictError:
                errors["to_organisation_id"] = (
                    "Deze organisatie werkt al mee of heeft al een verwijzing die wacht."
                )
            except ValidationFailed:
                errors["to_organisation_id"] = MESSAGES["to_organisation_id"]
            else:
                return see_other(f"/dossiers/{file_id}", "verwijzing-verstuurd")
        return await self._referral_page(
            request, caller, file_id, errors=errors, form=form.echo(*REFERRAL_FIELDS), status=422
        )

    @get("/verwijzingen", opt={"action": Action.COORDINATION_REFERRAL_LIST})
    async def inbox(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        after: str | None = None,
    ) -> Template:
        """The referrals addressed to the caller's organisation, newest first."""
        return await self._inbox(request, caller, after=after)

    async def _inbox(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        after: str | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            page = await referrals.list_referrals(
                uow, caller.principal, caller.ctx, limit=PAGE_DEFAULT, after=after
            )
            organisations = await identity_organisations.list_organisations(uow)
        return render(
            request,
            "worker/referrals.html",
            status=status,
            errors=errors or {},
            referrals=page.items,
            next=page.next,
            organisation_name={o.id: o.name for o in organisations},
            vocab_label=vocabulary().labels,
            labels=handover_labels,
            reasons=list(handover_labels.DECLINE_REASONS.items()),
        )

    @form_post("/verwijzingen/{referral_id:uuid}/aanvaarden", Action.COORDINATION_REFERRAL_ACCEPT)
    async def accept(
        self, request: Request[Any, Any, Any], referral_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Accept a referral, or join the file through one that waited for the family's
        consent; the file opens once a consent names the organisation. While the file's
        processing is restricted, the referral waits as it was."""
        try:
            view = await caller.run(referrals.accept_referral, referral_id)
        except ConsentRequired:
            message = (
                "Het gezin heeft uw organisatie nog geen toestemming gegeven voor dit doel. "
                "De verwijzing blijft wachten; probeer opnieuw zodra de toestemming er is."
            )
            return _refused(request, message, "/verwijzingen", 422)
        except ConflictError:
            return _refused(request, "Deze verwijzing is al beantwoord.", "/verwijzingen", 409)
        except Restricted:
            return _refused(request, labels.RESTRICTED_NO_JOINING, "/verwijzingen", 409)
        except ProblemError as exc:
            if exc.status == 404:
                raise
            message = "Het dossier is afgesloten; de verwijzing kan niet meer worden aanvaard."
            return _refused(request, message, "/verwijzingen", exc.status)
        if view.status == "joined" and view.file_id is not None:
            return see_other(f"/dossiers/{view.file_id}", "verwijzing-aanvaard")
        return see_other("/verwijzingen", "verwijzing-wacht")

    @form_post("/verwijzingen/{referral_id:uuid}/weigeren", Action.COORDINATION_REFERRAL_DECLINE)
    async def decline(
        self, request: Request[Any, Any, Any], referral_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Decline a referral with a reason."""
        form = await read_form(request)
        reason = form.get("reason")
        if reason not in handover_labels.DECLINE_REASONS:
            errors = {str(referral_id): "Kies een reden om te weigeren."}
            return await self._inbox(request, caller, errors=errors, status=422)
        try:
            await caller.run(
                referrals.decline_referral,
                referral_id,
                ReferralDeclineIn(reason=reason),  # type: ignore[arg-type]
            )
        except ConflictError:
            return _refused(request, "Deze verwijzing is al beantwoord.", "/verwijzingen", 409)
        return see_other("/verwijzingen", "verwijzing-geweigerd")

    @form_post("/dossiers/{file_id:uuid}/leiding", Action.COORDINATION_LEAD_OFFER)
    async def offer_lead(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Offer the lead to a partner on the file."""
        form = await read_form(request)
        back = f"/dossiers/{file_id}"
        try:
            organisation_id = uuid.UUID(form.get("lead_organisation_id"))
        except ValueError:
            return _refused(request, "Kies een partnerorganisatie.", back, 422)
        try:
            await caller.run(lead_handover.offer_lead, file_id, organisation_id)
        except (ConsentRequired, ValidationFailed):
            message = "Alleen een partner die meewerkt met toestemming kan het dossier leiden."
            return _refused(request, message, back, 422)
        except ForbiddenError:
            return _refused(
                request, "Alleen de leidende organisatie draagt de leiding over.", back, 403
            )
        return see_other(back, "leiding-aangeboden")

    @form_post("/dossiers/{file_id:uuid}/leiding/aanvaarden", Action.COORDINATION_LEAD_ACCEPT)
    async def accept_lead(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Accept the lead offered to the caller's organisation."""
        try:
            await caller.run(lead_handover.answer_lead, file_id, accept=True)
        except ConflictError:
            message = "De leiding is intussen naar een andere organisatie gegaan."
            return _refused(request, message, f"/dossiers/{file_id}", 409)
        return see_other(f"/dossiers/{file_id}", "leiding-aanvaard")

    @form_post("/dossiers/{file_id:uuid}/leiding/weigeren", Action.COORDINATION_LEAD_DECLINE)
    async def decline_lead(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Decline the lead offered to the caller's organisation."""
        try:
            await caller.run(lead_handover.answer_lead, file_id, accept=False)
        except ConflictError:
            message = "De leiding is intussen naar een andere organisatie gegaan."
            return _refused(request, message, f"/dossiers/{file_id}", 409)
        return see_other(f"/dossiers/{file_id}", "leiding-geweigerd")

    @form_post("/dossiers/{file_id:uuid}/verlaten", Action.COORDINATION_PARTICIPANT_LEAVE)
    async def leave(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Take the caller's organisation off the file (not the lead)."""
        try:
            await caller.run(leaving.leave_file, file_id)
        except ForbiddenError:
            message = (
                "De leidende organisatie draagt eerst de leiding over voor ze het dossier verlaat."
            )
            return _refused(request, message, f"/dossiers/{file_id}", 403)
        return see_other("/dossiers", "dossier-verlaten")

    @form_post("/dossiers/{file_id:uuid}/contactpersoon", Action.COORDINATION_CONTACT_SET)
    async def set_contact(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Name the organisation's contact person on the file."""
        form = await read_form(request)
        back = f"/dossiers/{file_id}"
        try:
            account_id = uuid.UUID(form.get("contact_account_id"))
        except ValueError:
            return _refused(
                request, "Kies een collega die aan het dossier is toegewezen.", back, 422
            )
        try:
            await caller.run(contacts.set_contact, file_id, account_id)
        except ValidationFailed:
            message = (
                "Alleen een collega die aan het dossier is toegewezen, kan contactpersoon zijn."
            )
            return _refused(request, message, back, 422)
        return see_other(back, "contactpersoon-gekozen")
