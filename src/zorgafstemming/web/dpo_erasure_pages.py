"""The DPO's erasure form (``/fg/wissen?verzoek=<id>``): decide the family's request to erase a
file or one member of it (GDPR art. 17).

An erasure starts from a request the family filed (or a partner's worker on its behalf): the
form is reached from an open erasure request (``/fg/verzoeken/<id>``, "Beslissen over wissen")
and carries it; the file, the member and what is erased (that member's data, or the whole file,
as the request asks) come from that request, never from what was typed.
Without a request the page explains that in Dutch. The decision is made by the same service as
the API; the page shows only references and codes, never case content."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import NotFoundError, ValidationFailed
from zorgafstemming.retention import erasure
from zorgafstemming.retention.schemas import ErasureIn
from zorgafstemming.web import labels
from zorgafstemming.web.dpo_request_acts import (
    ALREADY_DECIDED,
    ActRequest,
    NoActRequest,
    act_request,
)
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE = "/fg/wissen"
REQUESTS_PAGE = "/fg/verzoeken"
# What a grant erases: what the request asks for — the member it is about, or the whole file.
SCOPES = {
    "member": "Het gezinslid over wie het verzoek gaat, en wat enkel over die persoon gaat",
    "file": "Het hele dossier, van alle gezinsleden",
}
NOT_AN_ERASURE_REQUEST = (
    "Dit is geen verzoek tot wissen. Een wissing begint bij een verzoek van het gezin: "
    "kies het in de lijst van de verzoeken."
)


async def _erasure_request(caller: Caller, text: str | None) -> ActRequest:
    return await act_request(caller, text, "erasure", NOT_AN_ERASURE_REQUEST)


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
        except NoActRequest as problem:
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
        except NoActRequest as problem:
            return _page(request, None, {"verzoek": problem.message}, status=problem.status)
        values = {k: form.get(k) for k in ("decision", "reason")}
        decision, reason = values["decision"], values["reason"]
        errors: dict[str, str] = {}
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
            member_id=item.act_member,
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
            errors["verzoek"] = "Dit dossier of dit gezinslid bestaat niet meer: het is al gewist."
            return _page(request, item, errors, values, 404)
        notice = "wissing-beslist" if decision == "refused" else "wissing-uitgevoerd"
        return see_other(f"{REQUESTS_PAGE}/{item.id}", notice)


def _page(
    request: Request[Any, Any, Any],
    item: ActRequest | None,
    errors: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    status: int = 200,
) -> Template:
    return render(
        request,
        "dpo/erasure.html",
        status=status,
        item=item,
        form=form or {},
        errors=errors or {},
        erases=SCOPES[item.scope] if item is not None else None,
        reasons=list(labels.ERASURE_REASONS.items()),
    )
