"""Request and response structures of restriction and objection (msgspec).

Responses carry ids, states and times; the reasons a person typed are shown only to those who
decide on them (the DPO, the lead organisation) and to the family about themselves.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from zorgafstemming.coordination.restriction.rules import TEXT_MAX

# Multi-line text: line feed, carriage return and tab allowed, other control characters not.
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"

Reason = Annotated[str, Meta(min_length=1, max_length=TEXT_MAX, pattern=_TEXT)]
ObjectionOutcome = Literal["continue", "stop"]
ObjectionState = Literal["open", "continue", "stop"]


class RestrictionIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Restrict the processing of a file's data (GDPR art. 18): the whole file, or only the
    data of ``member_id``. ``request_id``: the data-subject request this answers, if any."""

    reason: Reason
    member_id: uuid.UUID | None = None
    request_id: uuid.UUID | None = None


class LiftIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Lift a restriction, with the reason."""

    reason: Reason


class RestrictionOut(Struct, kw_only=True):
    """A restriction as the DPO sees it: its scope (``member_id`` null: the whole file), since
    when, and when it was lifted; the reasons decrypted."""

    id: uuid.UUID
    file_id: uuid.UUID
    file_reference: str
    member_id: uuid.UUID | None
    request_id: uuid.UUID | None
    reason: str
    placed_at: datetime
    lifted_at: datetime | None
    lift_reason: str | None
    in_force: bool


class RestrictionPage(Struct, kw_only=True):
    """A page of restrictions, newest first by (placed_at, id); pass ``next`` as ``after``."""

    items: list[RestrictionOut]
    next: str | None


class ObjectionIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A family member's objection (GDPR art. 21) to the statute-based processing of data under
    ``consent_id``: their own data, or (``member_id``) that of a child they represent.
    ``request_id``: the data-subject request this answers, if any."""

    consent_id: uuid.UUID
    reasons: Reason
    member_id: uuid.UUID | None = None
    request_id: uuid.UUID | None = None


class ObjectionDecisionIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """The lead organisation's decision on an objection, with the recorded reason: ``continue``
    (compelling legitimate grounds override the member's interests) or ``stop`` (the
    statute-based processing of the member's data ends, as a withdrawal ends a consent)."""

    outcome: ObjectionOutcome
    reason: Reason


class ObjectionOut(Struct, kw_only=True):
    """An objection: whose data, which consent, its state and the reasons (decrypted)."""

    id: uuid.UUID
    file_id: uuid.UUID
    file_reference: str
    consent_id: uuid.UUID
    member_id: uuid.UUID
    request_id: uuid.UUID | None
    reasons: str
    raised_at: datetime
    state: ObjectionState
    decided_at: datetime | None
    decision_reason: str | None


class ObjectionPage(Struct, kw_only=True):
    """A page of objections, newest first by (raised_at, id); pass ``next`` as ``after``."""

    items: list[ObjectionOut]
    next: str | None
