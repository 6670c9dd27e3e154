"""Emergency access in the web interface: the worker's request form and the read-only view of
the file under the grant (``/dossiers/noodtoegang``), and the DPO's queue and review form
(``/fg/noodtoegang``)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.emergency import review, service
from zorgafstemming.coordination.emergency.errors import (
    AlreadyReviewed,
    EmergencyGrantRunning,
    GroundIncomplete,
    UnknownFileReference,
)
from zorgafstemming.coordination.emergency.schemas import EmergencyRequestIn, EmergencyReviewIn
from zorgafstemming.coordination.service import entries, files
from zorgafstemming.coordination.service.file_labels import RESTRICTED_STATUS
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import ERROR as DATE_ERROR
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.member_display import member_names, member_rows
from zorgafstemming.web.pages import form_post, render, see_other

REQUEST_PATH = "/dossiers/noodtoegang"
QUEUE_PATH = "/fg/noodtoegang"
PAGE_SIZE = 50
OUTCOMES = {"justified": "Gerechtvaardigd", "not_justified": "Niet gerechtvaardigd"}
ROLE_CHOICES = ("child", "youth", "parent", "guardian", "other")


class WorkerEmergencyPages(Controller):
    """A social worker asks for emergency access and reads the file under it."""

    include_in_schema = False

    def _form_page(
        self,
        request: Request[Any, Any, Any],
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        return render(
            request,
            "worker/emergency_request.html",
            status=status,
            errors=errors or {},
            form=form or {},
            grounds=list(labels.EMERGENCY_GROUNDS.items()),
            roles=[(r, labels.MEMBER_ROLES.get(r, r)) for r in ROLE_CHOICES],
            hours=request.app.state.runtime.settings.emergency_hours,
        )

    @get(REQUEST_PATH, opt={"action": Action.EMERGENCY_GRANT_REQUEST})
    async def request_form(self, request: Request[Any, Any, Any]) -> Template:
        """The form: the file's short reference, the legal ground, the members concerned."""
        return self._form_page(request)

    @form_post(REQUEST_PATH, Action.EMERGENCY_GRANT_REQUEST)
    async def request_grant(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Grant read-only access, alert the DPO, and show the file (nothing stored on refusal)."""
        form = await read_form(request)
        echo = {
            "file_reference": form.get("file_reference"),
            "ground": form.get("ground"),
            "explanation": form.get("explanation"),
            "member_roles": form.getall("member_roles"),
        }
        errors: dict[str, str] = {}
        if not echo["file_reference"]:
            errors["file_reference"] = "Vul de referentie van het dossier in (8 tekens)."
        if echo["ground"] not in labels.EMERGENCY_GROUNDS:
            errors["ground"] = "Kies de rechtsgrond: zonder rechtsgrond geen noodtoegang."
        elif echo["ground"] == "other" and not echo["explanation"]:
            errors["explanation"] = "Leg uit waarom u noodtoegang nodig hebt."
        if not errors:
            try:
                data = msgspec.convert(
                    {
                        "file_reference": echo["file_reference"],
                        "ground": echo["ground"],
                        "explanation": echo["explanation"] or None,
                        "member_roles": echo["member_roles"],
                    },
                    EmergencyRequestIn,
                )
            except msgspec.ValidationError:
                errors["file_reference"] = "Controleer de referentie en de uitleg."
            else:
                try:
                    grant = await caller.run(service.request_grant, data)
                except UnknownFileReference:
                    errors["file_reference"] = (
                        "Er is geen open dossier met deze referentie. Controleer de 8 tekens."
                    )
                except EmergencyGrantRunning:
                    errors["file_reference"] = (
                        "U hebt al noodtoegang tot dit dossier. Ze loopt nog: u kunt ze niet "
                        "verlengen. Vraag opnieuw als ze afgelopen is."
                    )
                except (GroundIncomplete, ValidationFailed):
                    errors["explanation"] = "Leg uit waarom u noodtoegang nodig hebt."
                else:
                    return see_other(
                        f"/dossiers/{grant.file_id}/noodtoegang", "noodtoegang-verleend"
                    )
        status = 409 if "al noodtoegang" in errors.get("file_reference", "") else 422
        return self._form_page(request, errors=errors, form=echo, status=status)

    @get("/dossiers/{file_id:uuid}/noodtoegang", opt={"action": Action.COORDINATION_FILE_READ})
    async def read_file(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The file, read-only: members and journal as the grant (or the consent) shows them."""
        async with caller.unit_of_work() as uow:
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            if view.status == RESTRICTED_STATUS:
                # Processing is restricted: a grant opens no more than that it is.
                return render(
                    request, "worker/file_restricted.html", errors={}, file=view, emergency=True
                )
            journal = await entries.list_entries(
                uow, caller.principal, caller.ctx, file_id, after=None, limit=200
            )
            organisations = await identity_organisations.list_organisations(uow)
        vocab = vocabulary()
        return render(
            request,
            "worker/emergency_file.html",
            file=view,
            members=[(m, member_rows(m)) for m in view.members],
            member_name=member_names(view.members),
            entries=journal.items,
            organisation_name={o.id: o.name for o in organisations},
            labels=labels,
            vocab_label=vocab.labels,
        )


class DpoEmergencyPages(Controller):
    """The DPO's queue of emergency grants and the review of each."""

    path = QUEUE_PATH
    include_in_schema = False

    @get("/", opt={"action": Action.EMERGENCY_GRANT_LIST})
    async def queue(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Every grant, newest first, overdue reviews marked; ``na`` shows the next page."""
        after = request.query_params.get("na") or None
        try:
            page = await caller.run(review.emergency_queue, after=after, limit=PAGE_SIZE)
        except ValidationFailed:  # a cursor we did not make: start at the newest
            page = await caller.run(review.emergency_queue, after=None, limit=PAGE_SIZE)
        return render(
            request,
            "dpo/emergency.html",
            items=page.items,
            next=page.next,
            first=after is None,
            grounds=labels.EMERGENCY_GROUNDS,
            outcomes=OUTCOMES,
        )

    async def _review_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        grant_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        item = await caller.run(review.grant_for_review, grant_id)
        return render(
            request,
            "dpo/emergency_review.html",
            status=status,
            errors=errors or {},
            form=form or {},
            item=item,
            grounds=labels.EMERGENCY_GROUNDS,
            outcomes=OUTCOMES,
            role_label=labels.MEMBER_ROLES,
        )

    @get("/{grant_id:uuid}", opt={"action": Action.EMERGENCY_GRANT_LIST})
    async def review_form(
        self, request: Request[Any, Any, Any], grant_id: uuid.UUID, caller: Caller
    ) -> Template:
        """One grant: ground, explanation, period, and the review form."""
        return await self._review_page(request, caller, grant_id)

    @form_post("/{grant_id:uuid}", Action.EMERGENCY_GRANT_REVIEW)
    async def review_grant(
        self, request: Request[Any, Any, Any], grant_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Record the review; a delay moves the family's notice to after its last day."""
        form = await read_form(request)
        echo = form.echo("outcome", "note", "delay_reason", "delay_until")
        errors: dict[str, str] = {}
        if echo["outcome"] not in OUTCOMES:
            errors["outcome"] = "Kies of de noodtoegang gerechtvaardigd was."
        if not echo["note"]:
            errors["note"] = "Schrijf kort waarom u zo oordeelt."
        delay_until: date | None = None
        if echo["delay_until"]:
            delay_until = parse_day(echo["delay_until"])
            if delay_until is None:
                errors["delay_until"] = DATE_ERROR
        if bool(echo["delay_reason"]) != bool(echo["delay_until"]) and not errors.get(
            "delay_until"
        ):
            errors["delay_until"] = "Een uitstel heeft een reden én een laatste dag nodig."
        if not errors:
            try:
                data = msgspec.convert(
                    {
                        "outcome": echo["outcome"],
                        "note": echo["note"],
                        "delay_reason": echo["delay_reason"] or None,
                        "delay_until": delay_until,
                    },
                    EmergencyReviewIn,
                )
                await caller.run(review.review_grant, grant_id, data)
            except msgspec.ValidationError:
                errors["note"] = "Controleer de opmerking en de reden van uitstel."
            except AlreadyReviewed:
                errors["outcome"] = "Deze noodtoegang is al beoordeeld."
            except GroundIncomplete:
                errors["delay_until"] = (
                    "Dit uitstel kan niet: de dag ligt in het verleden, of het gezin is al "
                    "ingelicht."
                )
            else:
                return see_other(QUEUE_PATH, "noodtoegang-beoordeeld")
        status = 409 if "al beoordeeld" in errors.get("outcome", "") else 422
        return await self._review_page(
            request, caller, grant_id, errors=errors, form=echo, status=status
        )
