"""Request and response structures of emergency access (msgspec).

The worker names the file by its short reference (the eight characters the family, a colleague
or a court order reads out), never by anything about the family. The DPO's queue carries the
short reference, the organisation, the ground, times and the review — and, for the review, the
worker's explanation.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from zorgafstemming.bounds import DatedInput
from zorgafstemming.coordination.emergency.rules import TEXT_MAX
from zorgafstemming.coordination.rules import MemberRole

# Multi-line text: line feed, carriage return and tab allowed, other control characters not.
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"

Ground = Literal["risk_to_child", "court_order", "other"]
ReviewOutcome = Literal["justified", "not_justified"]
FreeText = Annotated[str, Meta(min_length=1, max_length=TEXT_MAX, pattern=_TEXT)]
ShortReference = Annotated[str, Meta(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9 -]+$")]


class EmergencyRequestIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A request for emergency access to one file.

    ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
    Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
    ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
    members concerned; the grant shows only those members (all of them when left out).
    """

    file_reference: ShortReference
    ground: Ground
    explanation: FreeText | None = None
    member_roles: Annotated[list[MemberRole], Meta(max_length=5)] = []


class EmergencyGrantOut(Struct, kw_only=True):
    """A grant in force: read-only access to ``file_id`` until ``expires_at``."""

    id: uuid.UUID
    file_id: uuid.UUID
    file_reference: str
    ground: Ground
    member_roles: list[str]
    requested_at: datetime
    expires_at: datetime


class GrantOrganisation(Struct, kw_only=True):
    """The organisation of the worker who holds the grant."""

    id: uuid.UUID
    name: str


class EmergencyReview(Struct, kw_only=True):
    """The DPO's review: the outcome, by whom and when, the note, and a delay of telling the
    family (until the end of ``delay_until``), if one was recorded."""

    outcome: ReviewOutcome
    by_account_id: uuid.UUID | None
    at: datetime
    note: str
    delay_reason: str | None
    delay_until: date | None


class EmergencyQueueItem(Struct, kw_only=True):
    """One emergency grant as the DPO reviews it.

    ``review_due`` is the fifth working day after the request (Brussels calendar);
    ``overdue`` is true once that day passed without a review. ``family_told_at`` is when the
    family's portal shows the access (after the grant ends, or after the DPO's delay).
    """

    id: uuid.UUID
    file_reference: str
    holder_account_id: uuid.UUID
    organisation: GrantOrganisation
    ground: Ground
    explanation: str | None
    member_roles: list[str]
    requested_at: datetime
    expires_at: datetime
    in_force: bool
    review_due: date
    overdue: bool
    family_told_at: datetime
    review: EmergencyReview | None


class EmergencyQueuePage(Struct, kw_only=True):
    """A page of the queue, newest request first; pass ``next`` as ``after`` for the next."""

    items: list[EmergencyQueueItem]
    next: str | None


class EmergencyReviewIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """The DPO's review of one grant: justified or not, with a note; optionally a reason to
    delay telling the family and the last day of the delay (both or neither)."""

    outcome: ReviewOutcome
    note: FreeText
    delay_reason: FreeText | None = None
    delay_until: date | None = None
