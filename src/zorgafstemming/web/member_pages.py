"""Keeping the member list current on the web: the lead adds a member or ends a membership, a
partner corrects the fields its consent covers (the lead's worker may name the family's
rectification request the correction answers), and the family sees the corrections to their
own data. Every decision is the coordination service's; these pages read forms into requests
and the service's refusals into Dutch."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.member_schemas import MemberAdd, MemberCorrectionIn, MemberEndIn
from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.service import files, member_corrections, members
from zorgafstemming.coordination.service.errors import ConsentRequired, ForbiddenLead
from zorgafstemming.coordination.vocabulary import MEMBER_FIELDS, vocabulary
from zorgafstemming.identity import organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_MAX
from zorgafstemming.problems import ConflictError, NotFoundError, ValidationFailed
from zorgafstemming.rights import service as rights_service
from zorgafstemming.rights.links import RECTIFICATION
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import parse_day, show_day
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.member_display import member_names, role_label
from zorgafstemming.web.pages import form_post, render, see_other
from zorgafstemming.web.worker_forms import (
    MEMBER_MESSAGES,
    PATH_INDEX,
    msgspec_path,
    problem_fields,
)

OPTIONAL = ("insz", "address", "phone", "email")
NOTE_MESSAGE = "Schrijf een korte toelichting (hoogstens 1000 tekens), of laat het veld leeg."
REASON_MESSAGE = "Kies waarom u de gegevens verbetert."
END_MESSAGE = "Kies waarom het lidmaatschap eindigt."
NO_CHANGE = "Verander minstens één gegeven."
REQUEST_MESSAGE = (
    "Dit verzoek kan deze verbetering niet beantwoorden: het is intussen beantwoord of"
    " geweigerd, of het gaat niet over dit gezinslid. Kies een open verzoek, of 'Nee, geen"
    " verzoek'."
)
REQUEST_UNCHANGED = (
    "Deze verbetering verandert niets, dus beantwoordt ze het verzoek niet. Verander het gegeven"
    " dat het gezin vraagt, of weiger het verzoek met een reden op de pagina van het verzoek."
)
TAKEN_INSZ = "Dit rijksregisternummer hoort al bij een gezinslid van dit dossier."
WHO_CONSENTS = (
    "Deze verbetering verandert wie toestemming geeft voor dit gezinslid: de 12de verjaardag"
    " komt aan de andere kant van vandaag of van een toestemming te liggen. De functionaris"
    " voor gegevensbescherming moet ze behandelen."
)


def _read_fields(form: FormData, names: tuple[str, ...], errors: dict[str, str]) -> dict[str, Any]:
    """The member fields ``names`` as typed (dates as dd/mm/jjjj); an empty optional field is
    None (cleared), an empty or unreadable required one an error."""
    values: dict[str, Any] = {}
    for name in names:
        raw = form.get(name).strip()
        if name == "birth_date":
            day = parse_day(raw)
            if day is None:
                errors[name] = MEMBER_MESSAGES["birth_date"]
            else:
                values[name] = day.isoformat()
        elif raw:
            values[name] = raw
        elif name in OPTIONAL:
            values[name] = None
        else:
            errors[name] = MEMBER_MESSAGES[name]
    return values


def _service_errors(problems: list[tuple[str, str]], fallback: str) -> dict[str, str]:
    """Dutch messages per form field for the service's (or the parser's) field paths."""
    errors: dict[str, str] = {}
    for path, message in problems:
        name = PATH_INDEX.sub("", path).lstrip("$.")
        if name == "insz" and "already" in message:
            errors.setdefault("insz", TAKEN_INSZ)
        elif name == "birth_date" and "who consents" in message:
            errors.setdefault("birth_date", WHO_CONSENTS)
        elif name in MEMBER_MESSAGES and name:
            errors.setdefault(name, MEMBER_MESSAGES[name])
        elif name == "note":
            errors.setdefault("note", NOTE_MESSAGE)
        elif name == "request_id" and "changes nothing" in message:
            errors.setdefault("request_id", REQUEST_UNCHANGED)
        elif name == "request_id":
            errors.setdefault("request_id", REQUEST_MESSAGE)
        elif name == "reason" and "at least one" in message:
            errors.setdefault("reason", NO_CHANGE)
        elif name == "reason":
            errors.setdefault("reason", REASON_MESSAGE if fallback != "end" else END_MESSAGE)
    return errors or {"given_name": MEMBER_MESSAGES[""]}


def _editable(member: MemberView) -> tuple[str, ...]:
    """The fields of the categories the caller's consent covers for this member."""
    vocab = vocabulary()
    withheld = member.withheld_categories or ()
    return tuple(f for f in MEMBER_FIELDS if vocab.category_of_field(f) not in withheld)


class WorkerMemberPages(Controller):
    """The social worker's pages that keep a file's member list current."""

    include_in_schema = False

    async def _member(self, caller: Caller, file_id: uuid.UUID, member_id: uuid.UUID) -> Any:
        """The file and the member the caller sees (404 when they may not see them)."""
        view = await caller.run(files.read_file, file_id)
        member = next((m for m in view.members if m.id == member_id and m.visible), None)
        if member is None:
            raise NotFoundError()
        return view, member

    def _new_page(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        *,
        values: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        return render(
            request,
            "worker/member_new.html",
            status=status,
            file_id=file_id,
            values=values or {},
            errors=errors or {},
            member_roles=[("", "Kies…"), *labels.MEMBER_ROLES.items()],
        )

    @get("/dossiers/{file_id:uuid}/leden/nieuw", opt={"action": Action.COORDINATION_FILE_READ})
    async def new_member_form(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The form to add a member (a newborn, a new partner of a parent)."""
        await caller.run(files.read_file, file_id)  # 404 for a file the caller may not see
        return self._new_page(request, file_id)

    @form_post("/dossiers/{file_id:uuid}/leden/nieuw", Action.COORDINATION_MEMBER_ADD)
    async def add_member(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Add the member (lead only); no consent covers them until the family gives one."""
        form = await read_form(request)
        errors: dict[str, str] = {}
        raw = _read_fields(form, MEMBER_FIELDS, errors)
        raw["role"] = form.get("role")
        if not raw["role"]:
            errors["role"] = MEMBER_MESSAGES["role"]
        echo = form.echo("role", *MEMBER_FIELDS)
        status = 422
        if not errors:
            try:
                data = msgspec.convert(raw, MemberAdd)
                added = await caller.run(members.add_member, file_id, data)
            except msgspec.ValidationError as exc:
                errors = _service_errors([(msgspec_path(exc), str(exc))], "add")
            except ValidationFailed as exc:
                errors = _service_errors(problem_fields(exc), "add")
            except ForbiddenLead:
                errors = {"role": "Alleen de leidende organisatie voegt een gezinslid toe."}
                status = 403
            except ConsentRequired:
                errors = {"role": "Uw organisatie heeft geen geldige toestemming in dit dossier."}
            else:
                # On to the consent that lets partners see them (the new member pre-selected).
                return Redirect(
                    path=f"/dossiers/{file_id}/toestemmingen/nieuw?lid={added.id}"
                    "&melding=gezinslid-toegevoegd",
                    status_code=303,
                )
        await caller.run(files.read_file, file_id)  # 404 for a file the caller may not see
        return self._new_page(request, file_id, values=echo, errors=errors, status=status)

    async def _correct_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        *,
        values: dict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        view, member = await self._member(caller, file_id, member_id)
        # The family's open rectification requests about this member that the caller handles
        # (the lead's assigned worker): the correction may answer one.
        asked = await caller.run(
            rights_service.open_requests_about, file_id, member_id, RECTIFICATION
        )
        editable = _editable(member)
        current = {n: getattr(member, n, None) or "" for n in editable}
        if "birth_date" in current:
            current["birth_date"] = show_day(str(current["birth_date"]))
        return render(
            request,
            "worker/member_correct.html",
            status=status,
            file_id=file_id,
            member=member,
            name=member_names(view.members)[member_id],
            role=role_label(member.role),
            fields=[(n, labels.MEMBER_FIELDS[n], n in OPTIONAL) for n in editable],
            withheld=[vocabulary().labels.get(c, c) for c in (member.withheld_categories or ())],
            values=values if values is not None else {**current, "reason": ""},
            errors=errors or {},
            reasons=[("", "Kies…"), *labels.CORRECTION_REASONS.items()],
            requests=asked,
        )

    @get(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/verbeteren",
        opt={"action": Action.COORDINATION_FILE_READ},
    )
    async def correct_form(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """The member's fields the caller's consent covers, to correct with a reason."""
        return await self._correct_page(request, caller, file_id, member_id)

    @form_post(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/verbeteren",
        Action.COORDINATION_MEMBER_CORRECT,
    )
    async def correct_member(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Store the corrected fields; the old values stay in the history the family sees."""
        form = await read_form(request)
        names = tuple(n for n in MEMBER_FIELDS if form.has(n))
        errors: dict[str, str] = {}
        raw = _read_fields(form, names, errors)
        raw["reason"] = form.get("reason")
        if not raw["reason"]:
            errors["reason"] = REASON_MESSAGE
        if form.get("note").strip():
            raw["note"] = form.get("note").strip()
        answering = form.get("request_id")
        if answering:
            raw["request_id"] = answering  # a value that is no id: the parser's 422 below
        if not errors:
            try:
                data = msgspec.convert(raw, MemberCorrectionIn)
                done = await caller.run(member_corrections.correct_member, file_id, member_id, data)
            except msgspec.ValidationError as exc:
                errors = _service_errors([(msgspec_path(exc), str(exc))], "correct")
            except ValidationFailed as exc:
                errors = _service_errors(problem_fields(exc), "correct")
            except ConsentRequired:
                errors = {"reason": "De toestemming dekt deze gegevens niet voor uw organisatie."}
            else:
                notice = "gegevens-verbeterd" if done.corrected_fields else "geen-verbetering"
                if answering and done.corrected_fields:
                    notice = "verzoek-verbeterd"
                return see_other(f"/dossiers/{file_id}", notice)
        echo = form.echo("reason", "note", "request_id", *names)
        return await self._correct_page(
            request, caller, file_id, member_id, values=echo, errors=errors, status=422
        )

    @get(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/beeindigen",
        opt={"action": Action.COORDINATION_FILE_READ},
    )
    async def end_form(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """Ask why the membership ends, and say what ending it means."""
        return await self._end_page(request, caller, file_id, member_id)

    async def _end_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        view, _ = await self._member(caller, file_id, member_id)
        return render(
            request,
            "worker/member_end.html",
            status=status,
            file_id=file_id,
            member_id=member_id,
            name=member_names(view.members)[member_id],
            errors=errors or {},
            reasons=list(labels.END_REASONS.items()),
        )

    @form_post(
        "/dossiers/{file_id:uuid}/leden/{member_id:uuid}/beeindigen",
        Action.COORDINATION_MEMBER_END,
    )
    async def end_membership(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        member_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """End the membership (lead only): partners no longer see the member."""
        form = await read_form(request)
        status = 422
        try:
            data = msgspec.convert({"reason": form.get("reason")}, MemberEndIn)
        except msgspec.ValidationError:
            errors = {"reason": END_MESSAGE}
        else:
            try:
                await caller.run(members.end_membership, file_id, member_id, data)
            except ForbiddenLead:
                errors = {"reason": "Alleen de leidende organisatie beëindigt een lidmaatschap."}
                status = 403
            except ConflictError:
                errors = {
                    "reason": "Dit kan niet: het lidmaatschap is al beëindigd, of dit is het "
                    "laatste gezinslid van het dossier."
                }
                status = 409
            except ConsentRequired:
                errors = {"reason": "Uw organisatie heeft geen geldige toestemming in dit dossier."}
            else:
                return see_other(f"/dossiers/{file_id}", "lidmaatschap-beeindigd")
        return await self._end_page(
            request, caller, file_id, member_id, errors=errors, status=status
        )


class FamilyCorrectionPages(Controller):
    """The family's page of corrections to their own data."""

    path = "/mijn"
    include_in_schema = False

    @get("/dossiers/{file_id:uuid}/verbeteringen", opt={"action": Action.FAMILY_CORRECTION_LIST})
    async def corrections(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        caller: Caller,
        na: str | None = None,
    ) -> Template:
        """What was corrected in their data (and their young children's): old and new value,
        when, why and by which organisation."""
        async with caller.unit_of_work() as uow:
            page = await member_corrections.family_corrections(
                uow, caller.principal, caller.ctx, file_id, after=na, limit=PAGE_MAX
            )
            names = {o.id: o.name for o in await organisations.list_organisations(uow)}
        return render(
            request,
            "family/corrections.html",
            file_id=file_id,
            corrections=page.items,
            next_page=page.next,
            organisation_name=names,
            field_label=labels.MEMBER_FIELDS,
            reason_label=labels.CORRECTION_REASONS,
            shown=_shown_value,
        )


def _shown_value(field: str, value: str | None) -> str:
    """A corrected value as the family reads it: dates as dd/mm/jjjj, an empty one as such."""
    if value is None:
        return "(leeg)"
    return show_day(value) if field == "birth_date" else value
