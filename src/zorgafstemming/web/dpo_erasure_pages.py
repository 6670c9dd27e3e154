"""The DPO's erasure form (``/fg/wissen``): decide a request to erase a file or one member of it
(GDPR art. 17). The decision is made by the same service as the API; the page shows only ids and
codes, never case content."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.retention import erasure
from zorgafstemming.retention.schemas import ErasureIn
from zorgafstemming.web import labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE = "/fg/wissen"


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        return None


class DpoErasurePages(Controller):
    """The DPO decides requests to erase."""

    path = PAGE
    include_in_schema = False

    @get("/", opt={"action": Action.RETENTION_ERASURE_DECIDE})
    async def form(self, request: Request[Any, Any, Any]) -> Template:
        """The empty form."""
        return _page(request, {}, {})

    @form_post("/", Action.RETENTION_ERASURE_DECIDE)
    async def decide(self, request: Request[Any, Any, Any], caller: Caller) -> Redirect | Template:
        """Record the decision; a grant erases at once (a whole file by the retention purge)."""
        form = await read_form(request)
        values = {k: form.get(k).strip() for k in ("file_id", "member_id", "request_id")}
        decision, reason = form.get("decision"), form.get("reason")
        errors: dict[str, str] = {}
        file_id = _uuid(values["file_id"])
        if file_id is None:
            errors["file_id"] = (
                "Vul het nummer van het dossier in (zoals het in de auditlog staat)."
            )
        member_id = _uuid(values["member_id"]) if values["member_id"] else None
        if values["member_id"] and member_id is None:
            errors["member_id"] = "Dit is geen geldig nummer van een gezinslid."
        request_id = _uuid(values["request_id"]) if values["request_id"] else None
        if values["request_id"] and request_id is None:
            errors["request_id"] = "Dit is geen geldig nummer van een verzoek."
        if decision not in ("granted", "refused"):
            errors["decision"] = "Kies of u het verzoek inwilligt of weigert."
        if reason not in labels.ERASURE_REASONS:
            errors["reason"] = "Kies de reden van uw beslissing."
        if errors or file_id is None:
            return _page(request, values | {"decision": decision, "reason": reason}, errors, 422)
        data = ErasureIn(
            decision=decision,  # type: ignore[arg-type]  # checked above
            reason=reason,  # type: ignore[arg-type]  # checked above
            member_id=member_id,
            request_id=request_id,
        )
        try:
            async with caller.unit_of_work() as uow:
                await erasure.decide_erasure(
                    uow, caller.ctx, caller.principal, file_id=file_id, data=data
                )
        except ValidationFailed:
            errors["request_id"] = (
                "Dit is geen open verzoek tot wissen over dit dossier (en dit gezinslid)."
            )
            return _page(request, values | {"decision": decision, "reason": reason}, errors, 422)
        except erasure.UnderLegalHold:
            errors["file_id"] = (
                "Op dit dossier staat een juridische blokkering. Hef ze eerst op, of weiger het "
                "verzoek."
            )
            return _page(request, values | {"decision": decision, "reason": reason}, errors, 409)
        return see_other(PAGE, "wissing-beslist" if decision == "refused" else "wissing-uitgevoerd")


def _page(
    request: Request[Any, Any, Any], form: dict[str, Any], errors: dict[str, str], status: int = 200
) -> Template:
    return render(
        request,
        "dpo/erasure.html",
        status=status,
        form=form,
        errors=errors,
        reasons=list(labels.ERASURE_REASONS.items()),
    )
