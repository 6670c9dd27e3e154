"""The DPO's review of consents that partners' workers recorded (``/fg/toestemmingen``): the
queue, the scanned form as a download, and the buttons "Nagekeken" and "Terugverwijzen"."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.review.api import scan_response
from zorgafstemming.coordination.review.schemas import ReviewOutcome
from zorgafstemming.coordination.service import consent_review
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE_SIZE = 50
QUEUE = "/fg/toestemmingen"
REVIEW_LABELS = {"none": "Nog niet", "reviewed": "Nagekeken", "referred_back": "Teruggestuurd"}
OUTCOMES: dict[str, tuple[ReviewOutcome, str]] = {
    "reviewed": ("reviewed", "toestemming-nagekeken"),
    "referred_back": ("referred_back", "toestemming-terugverwezen"),
}


class DpoConsentPages(Controller):
    """The functionaris voor gegevensbescherming reviews consents recorded by staff."""

    path = QUEUE
    include_in_schema = False

    @get("/", opt={"action": Action.REVIEW_CONSENT_LIST})
    async def queue(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The queue, newest first; ``na`` (the opaque cursor) shows the next page."""
        after = request.query_params.get("na") or None
        try:
            page = await caller.run(consent_review.review_queue, after=after, limit=PAGE_SIZE)
        except ValidationFailed:  # a cursor we did not make: start at the newest
            page = await caller.run(consent_review.review_queue, after=None, limit=PAGE_SIZE)
        return render(
            request,
            "dpo/consents.html",
            items=page.items,
            next=page.next,
            first=after is None,
            method_label=labels.COLLECTION_METHODS,
            state_label=labels.CONSENT_STATES,
            review_label=REVIEW_LABELS,
        )

    @get("/{consent_id:uuid}/scan", opt={"action": Action.REVIEW_EVIDENCE_READ})
    async def scan(self, consent_id: uuid.UUID, caller: Caller) -> Response[bytes]:
        """The scanned form, as a download (every look audited)."""
        return scan_response(await caller.run(consent_review.read_scan, consent_id))

    @form_post("/{consent_id:uuid}", Action.REVIEW_CONSENT_DECIDE)
    async def decide(
        self,
        request: Request[Any, Any, Any],
        consent_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect:
        """Mark the consent reviewed, or refer it back to the organisation that recorded it."""
        form = await read_form(request)
        chosen = OUTCOMES.get(form.get("outcome"))
        if chosen is None:
            raise ValidationFailed(
                "Choose an outcome.",
                extra={"errors": [{"field": "outcome", "message": "not an outcome"}]},
            )
        outcome, notice = chosen
        await caller.run(consent_review.decide_review, consent_id, outcome)
        return see_other(QUEUE, notice)
