"""HTTP API of the access review: the coordinator's sampled accesses and answers, and the DPO's
samples, sampled accesses (answered, open, overdue) and signals."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, get
from litestar.params import Parameter
from litestar.status_codes import HTTP_200_OK

from zorgafstemming.accessreview import attestation, overview
from zorgafstemming.accessreview.schemas import (
    AccessItem,
    AccessItemPage,
    AttestIn,
    ItemStatus,
    ReviewItemPage,
    SamplePage,
    SignalPage,
)
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit

MONTH_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
Month = Annotated[
    str | None,
    Parameter(
        default=None,
        pattern=MONTH_PATTERN,
        description="The month, `YYYY-MM` (Brussels time).",
    ),
]
Status = Annotated[
    ItemStatus | None,
    Parameter(
        default=None,
        description="Only `answered`, `open` (deadline not passed) or `overdue` items.",
    ),
]
OpenOnly = Annotated[
    bool, Parameter(default=False, description="Only the items still waiting for an answer.")
]


class AccessAttestationController(Controller):
    """The coordinator attests the sampled accesses of their organisation's accounts."""

    path = "/access-attestations"
    tags = ["access review"]

    @get("/", opt={"action": Action.REVIEW_ACCESS_LIST})
    async def items(
        self, caller: Caller, limit: Limit, after: After, open_only: OpenOnly
    ) -> AccessItemPage:
        """The sampled accesses of the caller's organisation, newest first (coordinator only):
        which colleague, when, which file (short reference) and which action."""
        return await caller.run(
            attestation.coordinator_items, after=after, limit=limit, open_only=open_only
        )

    @post_as(Action.REVIEW_ACCESS_ATTEST, "/{item_id:uuid}", status_code=HTTP_200_OK)
    async def attest(self, item_id: uuid.UUID, data: AttestIn, caller: Caller) -> AccessItem:
        """Answer whether the access was needed for the care of this family (``needed``) or not
        justified (``not_justified``), with an optional note; the first answer stands."""
        return await caller.run(attestation.attest, item_id, data)


class AccessReviewController(Controller):
    """The DPO follows the access review."""

    path = "/access-reviews"
    tags = ["access review"]

    @get("/", opt={"action": Action.REVIEW_SAMPLE_LIST})
    async def items(
        self, caller: Caller, limit: Limit, after: After, status: Status, month: Month
    ) -> ReviewItemPage:
        """Sampled accesses, newest first, with the coordinators' answers and notes; filter by
        ``status`` (answered, open, overdue) and ``month``."""
        return await caller.run(
            overview.review_items, status=status, month=month, after=after, limit=limit
        )

    @get("/samples", opt={"action": Action.REVIEW_SAMPLE_LIST})
    async def samples(self, caller: Caller, limit: Limit, after: After) -> SamplePage:
        """Each month's sample, newest first: seed, rate and how many answers are in, open and
        overdue."""
        return await caller.run(overview.samples, after=after, limit=limit)

    @get("/signals", opt={"action": Action.REVIEW_SIGNAL_LIST})
    async def signals(self, caller: Caller, limit: Limit, after: After, month: Month) -> SignalPage:
        """The accounts the signal rules of ``policies/review.toml`` flag in ``month`` (default:
        the month before this one)."""
        return await caller.run(overview.signal_page, month=month, after=after, limit=limit)


ROUTES: list[Any] = [AccessAttestationController, AccessReviewController]
