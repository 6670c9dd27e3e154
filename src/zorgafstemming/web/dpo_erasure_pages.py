"""The DPO's erasure form (``/fg/wissen?verzoek=<id>``): decide the family's request to erase a
file or one member of it (GDPR art. 17).

An erasure starts from a request the family filed (or a partner's worker on its behalf): the
form is reached from an open erasure request (``/fg/verzoeken/<id>``, "Beslissen over wissen")
and carries it; the file and the member come from that request, never from what was typed.
Without a request the page explains that in Dutch. The decision is made by the same service as
the API; the page shows only references and codes, never case content."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template
from sqlalchemy import select

from zorgafstemming.audit.references import short_reference
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.retention import erasure
from zorgafstemming.retention.schemas import ErasureIn
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.rules import is_open
from zorgafstemming.web import labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE = "/fg/wissen"
REQUESTS_PAGE = "/fg/verzoeken"
# What the decision erases: only the member the request is about, or the whole file.
SCOPES = {
    "lid": "Alleen het gezinslid over wie het verzoek gaat, en wat enkel over die persoon gaat",
    "dossier": "Het hele dossier",
}
NOT_AN_ERASURE_REQUEST = (
    "Dit is geen verzoek tot wissen. Een wissing begint bij een verzoek van het gezin: "
    "kies het in de lijst van de verzoeken."
)
ALREADY_DECIDED = (
    "Over dit verzoek is al beslist: het is beantwoord of geweigerd, of het dossier is al gewist."
)


class NoErasureRequest(Exception):
    """The form names no erasure request an erasure can answer; ``status`` and ``message``
    say why, in Dutch."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID((text or "").strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class ErasureRequest:
    """The request an erasure answers, as the form needs it: ids and the file's reference."""

    id: uuid.UUID
    file_id: uuid.UUID
    member_id: uuid.UUID | None
    reference: str


async def _erasure_request(caller: Caller, text: str | None) -> ErasureRequest:
    """The request ``text`` names when an erasure can still answer it: an open erasure request
    about a file that is still there (the service checks it again when it acts). Otherwise
    :class:`NoErasureRequest`: 422 for no request named, 404 for none such, 409 when it is
    closed."""
    request_id = _uuid(text)
    if request_id is None:
        raise NoErasureRequest(422, NOT_AN_ERASURE_REQUEST)
    async with caller.unit_of_work() as uow:
        row = (
            await uow.session.execute(
                select(
                    SubjectRequest.kind,
                    SubjectRequest.status,
                    SubjectRequest.file_id,
                    SubjectRequest.member_id,
                    SubjectRequest.file_ref,
                ).where(SubjectRequest.id == request_id)
            )
        ).one_or_none()
    if row is None or row.kind != "erasure":
        raise NoErasureRequest(404, NOT_AN_ERASURE_REQUEST)
    if not is_open(row.status) or row.file_id is None:
        raise NoErasureRequest(409, ALREADY_DECIDED)
    return ErasureRequest(request_id, row.file_id, row.member_id, short_reference(row.file_ref))


class DpoErasurePages(Controller):
    """The DPO decides the family's requests to erase."""

    path = PAGE
    include_in_schema = False

    @get("/", opt={"action": Action.RETENTION_ERASURE_DECIDE})
    async def form(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The form for the erasure request ``verzoek``; without one, where an erasure starts."""
        asked = request.query_params.get("verzoek")
        if not asked:
            return _page(request, None)
        try:
            item = await _erasure_request(caller, asked)
        except NoErasureRequest as problem:
            # A request id in the address that is no request is one that does not exist.
            status = 404 if problem.status == 422 else problem.status
            return _page(request, None, {"verzoek": problem.message}, status=status)
        return _page(request, item)

    @form_post("/", Action.RETENTION_ERASURE_DECIDE)
    async def decide(self, request: Request[Any, Any, Any], caller: Caller) -> Redirect | Template:
        """Record the decision on the request; a grant erases at once (a whole file by the
        retention purge) and answers the request, a refusal refuses it with the reason."""
        form = await read_form(request)
        try:
            item = await _erasure_request(caller, form.get("verzoek"))
        except NoErasureRequest as problem:
            return _page(request, None, {"verzoek": problem.message}, status=problem.status)
        values = {k: form.get(k) for k in ("omvang", "decision", "reason")}
        scope, decision, reason = values["omvang"], values["decision"], values["reason"]
        errors: dict[str, str] = {}
        if scope not in SCOPES or (scope == "lid" and item.member_id is None):
            errors["omvang"] = "Kies wat er gewist wordt."
        if decision not in ("granted", "refused"):
            errors["decision"] = "Kies of u het verzoek inwilligt of weigert."
        if reason not in labels.ERASURE_REASONS:
            errors["reason"] = "Kies de reden van uw beslissing."
        if errors:
            return _page(request, item, errors, values, 422)
        data = ErasureIn(
            decision=decision,  # type: ignore[arg-type]  # checked above
            reason=reason,  # type: ignore[arg-type]  # checked above
            request_id=item.id,
            member_id=item.member_id if scope == "lid" else None,
        )
        try:
            async with caller.unit_of_work() as uow:
                await erasure.decide_erasure(
                    uow, caller.ctx, caller.principal, file_id=item.file_id, data=data
                )
        except ValidationFailed:  # decided meanwhile, in another tab or by a colleague
            return _page(request, None, {"verzoek": ALREADY_DECIDED}, status=409)
        except erasure.UnderLegalHold:
            errors["decision"] = (
                "Op dit dossier staat een juridische blokkering. Hef ze eerst op, of weiger het "
                "verzoek."
            )
            return _page(request, item, errors, values, 409)
        except NotFoundError:
            errors["omvang"] = "Dit dossier of dit gezinslid bestaat niet meer: het is al gewist."
            return _page(request, item, errors, values, 404)
        notice = "wissing-beslist" if decision == "refused" else "wissing-uitgevoerd"
        return see_other(f"{REQUESTS_PAGE}/{item.id}", notice)


def _page(
    request: Request[Any, Any, Any],
    item: ErasureRequest | None,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status: int = 200,
) -> Template:
    whole_only = item is not None and item.member_id is None
    scopes = [("dossier", SCOPES["dossier"])] if whole_only else list(SCOPES.items())
    if form is None:
        form = {"omvang": "dossier" if whole_only else "lid"}
    return render(
        request,
        "dpo/erasure.html",
        status=status,
        item=item,
        form=form,
        errors=errors or {},
        scopes=scopes,
        reasons=list(labels.ERASURE_REASONS.items()),
    )
