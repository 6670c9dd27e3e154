"""The pages of data-subject requests: the family files a request and follows it
(``/mijn/verzoeken``, each request on its own page, where an answered access or portability
request links the family's data); the DPO works through the queue, the nearest deadline first,
and moves a request on (``/fg/verzoeken``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.schemas import ENTRY_MAX_CHARS
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.rights import family, rules, service
from zorgafstemming.rights.rules import KINDS, TRANSITIONS
from zorgafstemming.rights.schemas import QueueFilter, RequestIn, StepIn
from zorgafstemming.web import rights_labels as labels
from zorgafstemming.web.forms import CONTROL, read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE_SIZE = 25
FAMILY_PAGE = "/mijn/verzoeken"
DPO_PAGE = "/fg/verzoeken"


def _common() -> dict[str, Any]:
    return {
        "kind_label": labels.KINDS,
        "status_label": labels.STATUSES,
        "step_label": labels.STEPS,
        "channel_label": labels.CHANNELS,
        "role_label": labels.ROLES,
    }


def _parse_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class FamilyRequestPages(Controller):
    """A family member's data-subject requests."""

    path = FAMILY_PAGE
    include_in_schema = False

    async def _page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        form: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        after = request.query_params.get("na") or None
        try:
            page, choices = await caller.run(
                family.my_requests_with_choices, limit=PAGE_SIZE, after=after
            )
        except ValidationFailed:  # a cursor we did not make: start at the newest
            after = None
            page, choices = await caller.run(
                family.my_requests_with_choices, limit=PAGE_SIZE, after=None
            )
        names = {c.member_id: c.given_name for c in choices}
        return render(
            request,
            "family/requests.html",
            status=status,
            items=page.items,
            next=page.next,
            first=after is None,
            kinds=[(k, labels.KINDS[k]) for k in KINDS],
            kind_help=labels.KIND_HELP,
            scopes=list(labels.SCOPE_CHOICES.items()),
            scope_help=labels.SCOPE_HELP,
            subjects=[
                (str(c.member_id), labels.subject_text(c.given_name, c.is_self, c.reference))
                for c in choices
            ],
            names=names,
            details_max=ENTRY_MAX_CHARS,
            form=form or {},
            errors=errors or {},
            **_common(),
        )

    @get("/", opt={"action": Action.RIGHTS_REQUEST_MINE})
    async def requests(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The requests about the family member and the children they represent, with status
        and deadline, and the form to file one."""
        return await self._page(request, caller)

    @form_post("/", Action.RIGHTS_REQUEST_FILE)
    async def file(self, request: Request[Any, Any, Any], caller: Caller) -> Redirect | Template:
        """File a request: its kind, about whom, and what is asked."""
        raw = await read_form(request)
        form = {name: raw.get(name) for name in ("soort", "over", "omvang", "toelichting")}
        errors: dict[str, str] = {}
        kind = form["soort"]
        scope = form["omvang"] or "member"
        if kind not in KINDS:
            errors["soort"] = "Kies wat u vraagt."
        if scope not in labels.SCOPE_CHOICES:
            errors["omvang"] = "Kies waarvoor u het vraagt."
        elif kind in KINDS and not rules.scope_fits(kind, scope):
            errors["omvang"] = "Alleen bij wissen of beperking kunt u het hele dossier vragen."
        member = _parse_uuid(form["over"])
        if member is None:
            errors["over"] = "Kies over wie het verzoek gaat."
        details = form["toelichting"].strip()
        if not details:
            errors["toelichting"] = "Schrijf kort wat u vraagt."
        elif CONTROL.search(details):
            errors["toelichting"] = "De toelichting bevat tekens die niet kunnen."
        elif len(details) > ENTRY_MAX_CHARS:
            errors["toelichting"] = (
                f"De toelichting is te lang (hoogstens {ENTRY_MAX_CHARS} tekens)."
            )
        if errors or member is None:
            return await self._page(request, caller, form=form, errors=errors, status=422)
        try:
            await caller.run(
                family.file_own_request,
                RequestIn(
                    kind=kind,  # type: ignore[arg-type]  # checked above
                    member_id=member,
                    details=details,
                    scope=scope,  # type: ignore[arg-type]  # checked above
                ),
            )
        except ValidationFailed:
            errors["over"] = (
                "U kunt een verzoek indienen over uzelf of over een kind jonger dan 12 dat u"
                " vertegenwoordigt. Een jongere vanaf 12 jaar dient zelf een verzoek in."
            )
            return await self._page(request, caller, form=form, errors=errors, status=422)
        return see_other(FAMILY_PAGE, "verzoek-ingediend")

    @get("/{request_id:uuid}", opt={"action": Action.RIGHTS_REQUEST_MINE})
    async def request_page(
        self, request: Request[Any, Any, Any], request_id: uuid.UUID, caller: Caller
    ) -> Template:
        """One request: where it stands, its steps and, once an access or portability request
        is answered, the links to the family member's own data (and the children's they
        represent) — the same export as ``/mijn/gegevens``."""
        mine = await caller.run(family.my_request, request_id)
        item = mine.view
        answered_by_export = rules.links_export(item.kind, item.status)
        return render(
            request,
            "family/request.html",
            item=item,
            mine=mine,
            fixed_note=rules.fixed_answer_note(item.kind) if answered_by_export else None,
            links=(
                labels.export_links(item.kind)
                if answered_by_export and mine.export_covers_subject
                else []
            ),
            **_common(),
        )


class DpoRequestPages(Controller):
    """The functionaris voor gegevensbescherming handles the data-subject requests."""

    path = DPO_PAGE
    include_in_schema = False

    @get("/", opt={"action": Action.RIGHTS_REQUEST_LIST})
    async def queue(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The open requests (or all, ``toon=alle``), the nearest deadline first."""
        every = request.query_params.get("toon") == "alle"
        after = request.query_params.get("na") or None
        status: QueueFilter = "all" if every else "open"
        try:
            page = await caller.run(service.queue, status=status, limit=PAGE_SIZE, after=after)
        except ValidationFailed:
            after = None
            page = await caller.run(service.queue, status=status, limit=PAGE_SIZE, after=None)
        return render(
            request,
            "dpo/requests.html",
            items=page.items,
            next=page.next,
            first=after is None,
            every=every,
            **_common(),
        )

    async def _detail(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        request_id: uuid.UUID,
        *,
        form: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        item = await caller.run(service.request_detail, request_id)
        fixed_note = rules.fixed_answer_note(item.kind)
        steps = [
            (
                name,
                labels.EXPORT_ANSWER_CHOICE
                if name == "answer" and fixed_note
                else labels.STEP_CHOICES[name],
            )
            for name, (sources, _) in TRANSITIONS.items()
            if item.status in sources
        ]
        return render(
            request,
            "dpo/request.html",
            status=status,
            item=item,
            steps=steps,
            fixed_note=fixed_note,
            reason_max=ENTRY_MAX_CHARS,
            form=form or {},
            errors=errors or {},
            **_common(),
        )

    @get("/{request_id:uuid}", opt={"action": Action.RIGHTS_REQUEST_READ})
    async def detail(
        self, request: Request[Any, Any, Any], request_id: uuid.UUID, caller: Caller
    ) -> Template:
        """One request: what was asked, its deadline, its steps, and the form for the next."""
        return await self._detail(request, caller, request_id)

    @form_post("/{request_id:uuid}/stap", Action.RIGHTS_REQUEST_STEP)
    async def step(
        self, request: Request[Any, Any, Any], request_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Take the next step: in behandeling nemen, verlengen, beantwoorden of weigeren."""
        raw = await read_form(request)
        form = {"stap": raw.get("stap"), "reden": raw.get("reden")}
        errors: dict[str, str] = {}
        name = form["stap"]
        if name not in TRANSITIONS:
            errors["stap"] = "Kies een stap."
        reason = form["reden"].strip()
        if CONTROL.search(reason):
            errors["reden"] = "De tekst bevat tekens die niet kunnen."
        elif len(reason) > ENTRY_MAX_CHARS:
            errors["reden"] = f"De toelichting is te lang (hoogstens {ENTRY_MAX_CHARS} tekens)."
        if errors:
            return await self._detail(
                request, caller, request_id, form=form, errors=errors, status=422
            )
        try:
            await caller.run(
                service.take_step,
                request_id,
                StepIn(step=name, reason=reason or None),  # type: ignore[arg-type]
            )
        except ValidationFailed:
            # With a text given, only an answer with a fixed note (access, portability) fails.
            errors["reden"] = (
                labels.FIXED_ANSWER
                if reason and name == "answer"
                else labels.REASON_NEEDED.get(name, "Geef een reden.")
            )
            return await self._detail(
                request, caller, request_id, form=form, errors=errors, status=422
            )
        except ConflictError:
            errors["stap"] = "Deze stap kan niet meer: het verzoek is intussen verder gezet."
            return await self._detail(
                request, caller, request_id, form=form, errors=errors, status=409
            )
        return see_other(f"{DPO_PAGE}/{request_id}", "verzoek-bijgewerkt")
