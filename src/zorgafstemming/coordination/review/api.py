"""HTTP API of the DPO's consent review: the queue, the scanned form and the outcome."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Response, get
from litestar.status_codes import HTTP_200_OK

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.review.schemas import (
    ConsentReviewItem,
    ConsentReviewPage,
    ReviewDecisionIn,
)
from zorgafstemming.coordination.service import consent_review
from zorgafstemming.coordination.service.evidence import SUFFIXES
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


def scan_response(scan: consent_review.Scan) -> Response[bytes]:
    """The scan as a download that no cache keeps."""
    # The file name a saved scan gets, per media type (the name says nothing about the family).
    name = f"toestemming-{scan.evidence_id}.{SUFFIXES.get(scan.media_type, 'bin')}"
    return Response(
        content=scan.content,
        media_type=scan.media_type,
        headers={
            "cache-control": "no-store",
            "content-disposition": f'attachment; filename="{name}"',
        },
    )


class ConsentReviewController(Controller):
    """The DPO's queue of consents that partners' workers recorded."""

    path = "/consent-reviews"
    tags = ["reviews"]

    @get("/", opt={"action": Action.REVIEW_CONSENT_LIST})
    async def queue(self, caller: Caller, limit: Limit, after: After) -> ConsentReviewPage:
        """Consents recorded by staff, newest first by (recorded_at, id), no personal data;
        pass ``next`` as ``after`` for the next page."""
        return await caller.run(consent_review.review_queue, after=after, limit=limit)

    @get("/{consent_id:uuid}/evidence", opt={"action": Action.REVIEW_EVIDENCE_READ})
    async def evidence(self, consent_id: uuid.UUID, caller: Caller) -> Response[bytes]:
        """The scanned form the consent was recorded with; every look is audited."""
        return scan_response(await caller.run(consent_review.read_scan, consent_id))

    @post_as(Action.REVIEW_CONSENT_DECIDE, "/{consent_id:uuid}", status_code=HTTP_200_OK)
    async def decide(
        self, consent_id: uuid.UUID, data: ReviewDecisionIn, caller: Caller
    ) -> ConsentReviewItem:
        """Mark the consent reviewed, or refer it back to the organisation that recorded it."""
        return await caller.run(consent_review.decide_review, consent_id, data.outcome)


ROUTES: list[Any] = [ConsentReviewController]
