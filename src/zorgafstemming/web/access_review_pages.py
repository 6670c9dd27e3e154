"""The access-review pages: the coordinator answers for the sampled accesses of their
organisation (``/toegangscontrole``); the DPO follows the answers, the open and overdue ones
(``/fg/toegangscontrole``) and the signals of a month (``/fg/toegangscontrole/signalen``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.accessreview import attestation, overview, rules
from zorgafstemming.accessreview.policy import review_policy
from zorgafstemming.accessreview.schemas import NOTE_MAX, AttestIn, ItemStatus
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web import access_review_labels as labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE_SIZE = 25
COORDINATOR_PAGE = "/toegangscontrole"
DPO_PAGE = "/fg/toegangscontrole"
STATUS_FILTERS: dict[str, ItemStatus] = {
    "open": "open",
    "te-laat": "overdue",
    "beantwoord": "answered",
}
ANSWER_CHOICES = {"nodig": "needed", "niet-gerechtvaardigd": "not_justified"}


def _common() -> dict[str, Any]:
    return {
        "action_label": labels.ACTIONS,
        "reason_label": labels.REASONS,
        "status_label": labels.STATUSES,
        "answer_label": labels.ANSWERS,
        "outcome_label": labels.OUTCOMES,
    }


class CoordinatorReviewPages(Controller):
    """The coordinator of an organisation answers for its sampled accesses."""

    path = COORDINATOR_PAGE
    include_in_schema = False

    async def _page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        after = request.query_params.get("na") or None
        open_only = request.query_params.get("toon") == "open"
        try:
            page = await caller.run(
                attestation.coordinator_items, after=after, limit=PAGE_SIZE, open_only=open_only
            )
        except ValidationFailed:  # a cursor we did not make: start at the newest
            after = None
            page = await caller.run(
                attestation.coordinator_items, after=None, limit=PAGE_SIZE, open_only=open_only
            )
        return render(
            request,
            "worker/access_review.html",
            status=status,
            errors=errors or {},
            items=page.items,
            next=page.next,
            first=after is None,
            open_only=open_only,
            note_max=NOTE_MAX,
            **_common(),
        )

    @get("/", opt={"action": Action.REVIEW_ACCESS_LIST})
    async def items(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The sampled accesses of the coordinator's organisation, newest first."""
        return await self._page(request, caller)

    @form_post("/{item_id:uuid}", Action.REVIEW_ACCESS_ATTEST)
    async def attest(
        self, request: Request[Any, Any, Any], item_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Answer for one sampled access: needed for the care of this family, or not justified."""
        form = await read_form(request)
        answer = ANSWER_CHOICES.get(form.get("antwoord") or "")
        note = (form.get("notitie") or "").strip()
        errors: dict[str, str] = {}
        if answer is None:
            errors[f"antwoord-{item_id}"] = "Kies of deze toegang nodig was of niet."
        if len(note) > NOTE_MAX:
            errors[f"notitie-{item_id}"] = f"De notitie is te lang (hoogstens {NOTE_MAX} tekens)."
        if errors or answer is None:
            return await self._page(request, caller, errors=errors, status=422)
        await caller.run(
            attestation.attest,
            item_id,
            AttestIn(answer=answer, note=note or None),  # type: ignore[arg-type]
        )
        return see_other(COORDINATOR_PAGE, "toegang-beantwoord")


class DpoReviewPages(Controller):
    """The functionaris voor gegevensbescherming follows the access review."""

    path = DPO_PAGE
    include_in_schema = False

    @get("/", opt={"action": Action.REVIEW_SAMPLE_LIST})
    async def overview(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The samples and the sampled accesses, filtered by state (``toon``) and month."""
        shown = request.query_params.get("toon") or ""
        status = STATUS_FILTERS.get(shown)
        month = request.query_params.get("maand") or None
        if month is not None and rules.parse_month(month) is None:
            month = None
        after = request.query_params.get("na") or None
        samples = await caller.run(overview.samples, after=None, limit=12)
        try:
            page = await caller.run(
                overview.review_items, status=status, month=month, after=after, limit=PAGE_SIZE
            )
        except ValidationFailed:
            after = None
            page = await caller.run(
                overview.review_items, status=status, month=month, after=None, limit=PAGE_SIZE
            )
        return render(
            request,
            "dpo/access_review.html",
            samples=samples.items,
            items=page.items,
            next=page.next,
            first=after is None,
            shown=shown if status else "",
            month=month or "",
            filters=[
                ("", "Alle"),
                ("open", "Open"),
                ("te-laat", "Te laat"),
                ("beantwoord", "Beantwoord"),
            ],
            deadline_days=review_policy().sample.deadline_days,
            rate_text=f"{review_policy().sample.rate_percent:g}".replace(".", ","),
            **_common(),
        )

    @get("/signalen", opt={"action": Action.REVIEW_SIGNAL_LIST})
    async def signals(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The month's signals, per rule (default: the month before this one)."""
        month = request.query_params.get("maand") or None
        if month is not None and rules.parse_month(month) is None:
            month = None
        after = request.query_params.get("na") or None
        try:
            page = await caller.run(overview.signal_page, month=month, after=after, limit=100)
        except ValidationFailed:
            after = None
            page = await caller.run(overview.signal_page, month=month, after=None, limit=100)
        by_rule: dict[str, list[Any]] = {}
        for signal in page.items:
            by_rule.setdefault(signal.rule, []).append(signal)
        return render(
            request,
            "dpo/access_signals.html",
            month=page.month,
            by_rule=by_rule,
            rules=labels.signal_rules(review_policy()),
            titles=labels.SIGNAL_TITLES,
            next=page.next,
        )
