"""The social worker's pages to find a family: the search within the files they may see, and
the duplicate check before opening a file. Terms are posted in a form, never put in a URL;
every decision is the coordination service's."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.search_schemas import DuplicateCheckIn, FileSearch
from zorgafstemming.coordination.service import duplicates, search
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render
from zorgafstemming.web.worker_forms import problem_fields
from zorgafstemming.web.worker_pages import ROLE_LABELS

SEARCH_PAGE = 50
# Dutch messages per field of the search and the duplicate check.
MESSAGES = {
    "insz": "Geef een geldig rijksregisternummer (11 cijfers).",
    "family_name": "Geef een familienaam, samen met het geboortejaar.",
    "birth_year": "Geef het geboortejaar in 4 cijfers, samen met de familienaam.",
    "reason": "Schrijf waarom u dit nagaat (minstens 5 tekens).",
}
BOTH = "Zoek op rijksregisternummer of op naam en geboortejaar, niet op beide."


def _errors(exc: ValidationFailed | msgspec.ValidationError) -> dict[str, str]:
    """Dutch errors by form field, from a validation problem (never echoing a value)."""
    if isinstance(exc, msgspec.ValidationError):
        text = str(exc)
        field = text.rsplit("$.", 1)[1].rstrip("`") if "$." in text else "insz"
        return {field: MESSAGES.get(field, MESSAGES["insz"])}
    errors: dict[str, str] = {}
    for field, message in problem_fields(exc):
        errors[field] = BOTH if "not both" in message else MESSAGES.get(field, message)
    return errors


def _search_request(values: dict[str, str]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    if values["insz"]:
        raw["insz"] = values["insz"]
    if values["family_name"]:
        raw["family_name"] = values["family_name"]
    if values["birth_year"]:
        year = values["birth_year"]
        raw["birth_year"] = int(year) if year.isascii() and year.isdigit() else -1
    return raw


class WorkerSearchPages(Controller):
    """Finding a family: search, and the check for an existing file before opening one."""

    include_in_schema = False

    @get("/dossiers/zoeken", opt={"action": Action.COORDINATION_FILE_SEARCH})
    async def search_form(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The search form: by national number, or by family name and birth year."""
        return render(request, "worker/search.html", values={}, results=None)

    @form_post("/dossiers/zoeken", Action.COORDINATION_FILE_SEARCH)
    async def search(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The files the worker may see that match exactly; the terms stay in the form."""
        form = await read_form(request)
        values = {name: form.get(name).strip() for name in ("insz", "family_name", "birth_year")}
        raw = _search_request(values)
        errors: dict[str, str] = {}
        if not raw:
            errors = {"insz": "Geef een rijksregisternummer, of een familienaam en geboortejaar."}
        else:
            try:
                data = msgspec.convert(raw, FileSearch)
                page = await caller.run(search.search_files, data, after=None, limit=SEARCH_PAGE)
            except (ValidationFailed, msgspec.ValidationError) as exc:
                errors = _errors(exc)
        if errors:
            return render(
                request,
                "worker/search.html",
                status=422,
                errors=errors,
                values=values,
                results=None,
            )
        return render(
            request,
            "worker/search.html",
            values=values,
            results=page.items,
            role_label=ROLE_LABELS,
        )

    @get("/dossiers/nieuw/controle", opt={"action": Action.COORDINATION_DUPLICATE_CHECK})
    async def check_form(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Before opening a file: check whether one may already exist for this person."""
        return render(request, "worker/duplicate_check.html", values={}, answer=None)

    @form_post("/dossiers/nieuw/controle", Action.COORDINATION_DUPLICATE_CHECK)
    async def check(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The answer: only the lead organisation to ask, after the stated reason."""
        form = await read_form(request)
        values = {"insz": form.get("insz").strip(), "reason": form.get("reason").strip()}
        errors = {name: MESSAGES[name] for name, value in values.items() if not value}
        answer = None
        if not errors:
            try:
                data = msgspec.convert(values, DuplicateCheckIn)
                answer = await caller.run(duplicates.check_duplicate, data)
            except (ValidationFailed, msgspec.ValidationError) as exc:
                errors = _errors(exc)
        if errors:
            return render(
                request,
                "worker/duplicate_check.html",
                status=422,
                errors=errors,
                values=values,
                answer=None,
            )
        # The number is not shown again: the answer page names only the organisation.
        return render(request, "worker/duplicate_check.html", values={}, answer=answer)
