"""The DPO's pages of data subjects' rights: restricting processing and lifting a restriction
(``/fg/beperkingen``), and the queue of objections (``/fg/bezwaren``).

A restriction answers the family's restriction request (``/fg/beperkingen?verzoek=<id>``, from
the request's page): what it restricts — that member's data, or the whole file — is what the
request asks for, and placing it answers the request. The DPO may also restrict a whole file on
their own initiative by its short reference (for instance while its accuracy is contested)."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Redirect, Template
from sqlalchemy import select

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.emergency.lookup import file_by_reference
from zorgafstemming.coordination.restriction import objections, restrictions
from zorgafstemming.coordination.restriction.errors import AlreadyRestricted, NotInForce
from zorgafstemming.coordination.restriction.models import FileRestriction
from zorgafstemming.coordination.restriction.rules import reason_problem
from zorgafstemming.coordination.restriction.schemas import LiftIn, RestrictionIn
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.web.dpo_request_acts import (
    ALREADY_DECIDED,
    ActRequest,
    NoActRequest,
    act_request,
)
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.pages import form_post, render, see_other

RESTRICTIONS_PATH = "/fg/beperkingen"
OBJECTIONS_PATH = "/fg/bezwaren"
PAGE_SIZE = 50
REQUESTS_PATH = "/fg/verzoeken"
NOT_A_RESTRICTION_REQUEST = (
    "Dit is geen open verzoek tot beperking. Kies het verzoek in de lijst van de verzoeken."
)
# What a restriction on request restricts: what the request asks for.
RESTRICTS = {
    "member": "De gegevens van het gezinslid over wie het verzoek gaat",
    "file": "Het hele dossier, van alle gezinsleden",
}
OBJECTION_STATES = {
    "open": "Wacht op een beslissing",
    "continue": "Verwerking gaat door",
    "stop": "Verwerking gestopt",
}


class DpoRightsPages(Controller):
    """Restriction of processing and objections, for the functionaris voor
    gegevensbescherming."""

    include_in_schema = False

    async def _restrictions_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        asked: ActRequest | None = None,
        status: int = 200,
    ) -> Template:
        after = request.query_params.get("na") or None
        page = await caller.run(restrictions.list_restrictions, after=after, limit=PAGE_SIZE)
        return render(
            request,
            "dpo/restrictions.html",
            status=status,
            errors=errors or {},
            form=form or {},
            asked=asked,
            restricts=RESTRICTS[asked.scope] if asked is not None else None,
            items=page.items,
            next=page.next,
            first=after is None,
        )

    @get(RESTRICTIONS_PATH, opt={"action": Action.RIGHTS_RESTRICTION_LIST})
    async def restriction_list(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Every restriction (newest first) with a form to restrict a file and to lift each
        restriction in force; with ``verzoek``, the form that answers that restriction
        request."""
        asked_for = request.query_params.get("verzoek")
        if not asked_for:
            return await self._restrictions_page(request, caller)
        try:
            asked = await _restriction_request(caller, asked_for)
        except NoActRequest as problem:
            status = 404 if problem.status == 422 else problem.status
            errors = {"verzoek": problem.message}
            return await self._restrictions_page(request, caller, errors=errors, status=status)
        return await self._restrictions_page(request, caller, asked=asked)

    @form_post(RESTRICTIONS_PATH, Action.RIGHTS_RESTRICTION_PLACE)
    async def restrict(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Restrict the processing of the file with this short reference, with a reason; or,
        with ``verzoek``, what that restriction request asks for, answering it."""
        form = await read_form(request)
        if form.get("verzoek"):
            return await self._restrict_on_request(request, caller, form)
        echo = {"file_reference": form.get("file_reference"), "reason": form.get("reason")}
        errors: dict[str, str] = {}
        if reason_problem(echo["reason"]) is not None:
            errors["reason"] = "Schrijf waarom u de verwerking beperkt (ten hoogste 2000 tekens)."
        file_id = None
        if echo["file_reference"]:
            async with caller.unit_of_work() as uow:
                file_id = await file_by_reference(
                    uow.session, caller.runtime.secrets.audit_key, echo["file_reference"][:20]
                )
        if file_id is None:
            errors["file_reference"] = "Er is geen open dossier met deze referentie."
        if not errors:
            assert file_id is not None
            data = msgspec.convert({"reason": echo["reason"]}, RestrictionIn)
            try:
                await caller.run(restrictions.place_restriction, file_id, data)
            except AlreadyRestricted:
                errors["file_reference"] = "De verwerking van dit dossier is al beperkt."
            else:
                return see_other(RESTRICTIONS_PATH, "beperking-geplaatst")
        status = 409 if "al beperkt" in errors.get("file_reference", "") else 422
        return await self._restrictions_page(
            request, caller, errors=errors, form=echo, status=status
        )

    async def _restrict_on_request(
        self, request: Request[Any, Any, Any], caller: Caller, form: FormData
    ) -> Redirect | Template:
        try:
            asked = await _restriction_request(caller, form.get("verzoek"))
        except NoActRequest as problem:
            errors = {"verzoek": problem.message}
            return await self._restrictions_page(
                request, caller, errors=errors, status=problem.status
            )
        reason = form.get("reason")
        echo = {"reason": reason}
        if reason is None or reason_problem(reason) is not None:
            errors = {"reason": "Schrijf waarom u de verwerking beperkt (ten hoogste 2000 tekens)."}
            return await self._restrictions_page(
                request, caller, errors=errors, form=echo, asked=asked, status=422
            )
        data = RestrictionIn(reason=reason, member_id=asked.act_member, request_id=asked.id)
        try:
            await caller.run(restrictions.place_restriction, asked.file_id, data)
        except AlreadyRestricted:
            errors = {"verzoek": "Wat dit verzoek vraagt, is al beperkt. Beantwoord het verzoek."}
            return await self._restrictions_page(
                request, caller, errors=errors, form=echo, asked=asked, status=409
            )
        except ValidationFailed:  # answered meanwhile, in another tab or by a colleague
            return await self._restrictions_page(
                request, caller, errors={"verzoek": ALREADY_DECIDED}, status=409
            )
        return see_other(f"{REQUESTS_PATH}/{asked.id}", "beperking-geplaatst")

    @form_post(
        f"{RESTRICTIONS_PATH}/{{restriction_id:uuid}}/opheffen", Action.RIGHTS_RESTRICTION_LIFT
    )
    async def lift(
        self, request: Request[Any, Any, Any], restriction_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Lift a restriction in force, with a reason."""
        form = await read_form(request)
        reason = form.get("reason")
        async with caller.unit_of_work() as uow:
            file_id = await uow.session.scalar(
                select(FileRestriction.file_id).where(FileRestriction.id == restriction_id)
            )
        if file_id is None:
            raise NotFoundError("No such restriction.")
        if reason_problem(reason) is not None:
            errors = {f"reason-{restriction_id}": "Schrijf waarom u de beperking opheft."}
            return await self._restrictions_page(request, caller, errors=errors, status=422)
        data = msgspec.convert({"reason": reason}, LiftIn)
        try:
            await caller.run(restrictions.lift_restriction, file_id, restriction_id, data)
        except NotInForce:
            return see_other(RESTRICTIONS_PATH, "beperking-opgeheven")
        return see_other(RESTRICTIONS_PATH, "beperking-opgeheven")

    @get(OBJECTIONS_PATH, opt={"action": Action.RIGHTS_OBJECTION_LIST})
    async def objection_queue(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Every objection (newest first): which file, its state, the grounds and the lead's
        reason."""
        after = request.query_params.get("na") or None
        page = await caller.run(objections.objection_queue, after=after, limit=PAGE_SIZE)
        return render(
            request,
            "dpo/objections.html",
            items=page.items,
            next=page.next,
            first=after is None,
            states=OBJECTION_STATES,
        )


async def _restriction_request(caller: Caller, text: str | None) -> ActRequest:
    return await act_request(caller, text, "restriction", NOT_A_RESTRICTION_REQUEST)
