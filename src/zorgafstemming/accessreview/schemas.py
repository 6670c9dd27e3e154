"""Request and response structures of the access review (msgspec). Items carry refs, times,
actions, organisations and account ids — never a name of a family member or any case content."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

Answer = Literal["needed", "not_justified"]
ItemReason = Literal["read", "denied", "emergency"]
ItemStatus = Literal["open", "overdue", "answered"]
NOTE_MAX = 1000


class AttestIn(Struct, forbid_unknown_fields=True):
    """The coordinator's answer: ``needed`` (needed for the care of this family) or
    ``not_justified``, with an optional note (kept encrypted, shown to the DPO)."""

    answer: Answer
    note: Annotated[str, Meta(max_length=NOTE_MAX)] | None = None


class Colleague(Struct, kw_only=True):
    """The colleague whose access is asked about (``email`` None when not known any more)."""

    account_id: uuid.UUID | None
    email: str | None


class AccessItem(Struct, kw_only=True):
    """A sampled access as the reader's coordinator sees it: which colleague, when, which file
    (its short reference) and which action — no case content."""

    id: uuid.UUID
    colleague: Colleague
    occurred_at: datetime
    file_reference: str | None
    action: str
    reason: ItemReason
    due_at: datetime
    status: ItemStatus
    answer: Answer | None
    answered_at: datetime | None


class AccessItemPage(Struct, kw_only=True):
    """A page of the coordinator's items, newest first; pass ``next`` as ``after``."""

    items: list[AccessItem]
    next: str | None


class ReviewItem(Struct, kw_only=True):
    """A sampled access as the DPO follows it: the reader's account id and organisation, the
    file's short reference and audit ref, the coordinator's answer and note."""

    id: uuid.UUID
    month: str
    reason: ItemReason
    occurred_at: datetime
    action: str
    outcome: str
    file_reference: str | None
    file_ref: str | None
    reader_account_id: uuid.UUID | None
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    due_at: datetime
    status: ItemStatus
    answer: Answer | None
    note: str | None
    answered_at: datetime | None
    # The reader answered for their own access (a coordinator's own read): worth a second look.
    self_attested: bool


class ReviewItemPage(Struct, kw_only=True):
    """A page of sampled accesses, newest first; pass ``next`` as ``after``."""

    items: list[ReviewItem]
    next: str | None


class SampleView(Struct, kw_only=True):
    """One month's sample: seed and rate (to draw it again) and where the answers stand."""

    id: uuid.UUID
    month: str
    seed: str
    rate_percent: float
    reads_seen: int
    created_at: datetime
    due_at: datetime
    items: int
    answered: int
    not_justified: int
    open: int
    overdue: int


class SamplePage(Struct, kw_only=True):
    """A page of samples, the newest month first; pass ``next`` as ``after``."""

    items: list[SampleView]
    next: str | None


class SignalView(Struct, kw_only=True):
    """An account a signal rule flags in the month (a reason to look, not a finding)."""

    rule: str
    actor_ref: str
    account_id: uuid.UUID | None
    organisation_id: uuid.UUID | None
    organisation_name: str | None
    count: int
    baseline: float | None
    file_references: list[str]


class SignalPage(Struct, kw_only=True):
    """A page of the month's signals, by rule; pass ``next`` as ``after``."""

    month: str
    items: list[SignalView]
    next: str | None
