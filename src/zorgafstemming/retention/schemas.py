"""Request and response bodies of the retention API (msgspec; never ORM rows)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

ReasonCode = Literal[
    "data_subject_request",
    "internal_investigation",
    "litigation",
    "other",
    "police_or_judicial_request",
    "regulator_inquiry",
]


class LegalHoldIn(msgspec.Struct, forbid_unknown_fields=True):
    """Place a hold: a reason code is required; the optional note is stored encrypted."""

    reason_code: ReasonCode
    note: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)] | None = None


class LegalHoldOut(msgspec.Struct):
    """A hold as the DPO sees it (the note itself is never sent back)."""

    id: uuid.UUID
    file_id: uuid.UUID
    reason_code: str
    has_note: bool
    placed_at: datetime
    lifted_at: datetime | None


class DueItemOut(msgspec.Struct):
    """A file that falls due for purge or review, when, and under which rule."""

    file_id: uuid.UUID
    action: str
    rule_id: str
    due_at: datetime
    due_now: bool
    held: bool


class DuePage(msgspec.Struct, kw_only=True):
    """A page of the retention schedule as of ``at``, earliest first by (due date, file id,
    action); pass ``next`` as ``after`` for the next page (null on the last). ``total`` counts
    the whole schedule, ``rules`` describes the rules the items name."""

    items: list[DueItemOut]
    next: str | None
    at: datetime
    total: int
    rules: dict[str, str]


ErasureReason = Literal[
    "consent_withdrawn",
    "legal_claims",
    "legal_obligation",
    "no_longer_needed",
    "objection",
    "other",
    "public_interest",
    "unlawful_processing",
]


class ErasureIn(msgspec.Struct, forbid_unknown_fields=True):
    """The DPO's decision on the family's request to erase a file, or one member of it
    (``member_id``).

    ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
    filed by the family or by a partner's worker on its behalf — about this file and, for a
    member's erasure, about that member. A DPO cannot erase without one (422 on
    ``request_id``). A grant answers the request, a refusal refuses it with the reason.
    ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text: the
    decision outlives the file."""

    decision: Literal["granted", "refused"]
    reason: ErasureReason
    request_id: Annotated[
        uuid.UUID,
        msgspec.Meta(
            description=(
                "The open erasure request of the family this decision answers (required): "
                "about this file and, for a member's erasure, about that member."
            )
        ),
    ]
    member_id: uuid.UUID | None = None


class ErasureOut(msgspec.Struct):
    """The recorded decision (pseudonymous, as kept) and what a granted erasure removed."""

    id: uuid.UUID
    file_ref: str
    member_ref: str | None
    decision: str
    reason: str
    request_id: uuid.UUID | None
    decided_at: datetime
    erased_counts: dict[str, int]
    proof_ok: bool
    notified_organisations: int
