"""Request and response structures of the consent review (msgspec). The queue carries refs,
the recording organisation, times and states — never a name or any other personal data."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from msgspec import Struct

ReviewOutcome = Literal["reviewed", "referred_back"]


class ReviewDecisionIn(Struct, forbid_unknown_fields=True):
    """The DPO's outcome: the consent was checked, or it goes back to the recorder."""

    outcome: ReviewOutcome


class RecordingOrganisation(Struct, kw_only=True):
    """The partner whose worker recorded the consent."""

    id: uuid.UUID
    name: str


class ReviewStatus(Struct, kw_only=True):
    """The latest review outcome, by whom (the DPO's account) and when; ``none`` before any."""

    status: Literal["none", "reviewed", "referred_back"]
    by_account_id: uuid.UUID | None
    at: datetime | None


class ConsentReviewItem(Struct, kw_only=True):
    """A consent recorded by staff, as the DPO reviews it.

    ``file_ref`` is the file's pseudonymous audit reference (the one the audit trail filters
    on); ``state`` is the consent's state now (``pending`` while it awaits the family's
    confirmation); ``contested_at`` is when the family first contested it.
    """

    consent_id: uuid.UUID
    file_ref: str
    recorded_by_organisation: RecordingOrganisation
    recorded_at: datetime
    collection_method: str
    has_scan: bool
    state: str
    contested: bool
    contested_at: datetime | None
    review: ReviewStatus


class ConsentReviewPage(Struct, kw_only=True):
    """A page of the queue, newest first; pass ``next`` as ``after`` for the next page."""

    items: list[ConsentReviewItem]
    next: str | None
