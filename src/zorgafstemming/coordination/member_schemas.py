"""Request and response structures for keeping a file's member list current (msgspec): a
member added, a member's fields corrected, a membership ended, and the family's view of the
corrections to their own data."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from zorgafstemming.bounds import DatedInput
from zorgafstemming.coordination.rules import MemberRole
from zorgafstemming.coordination.schemas import Email, MemberView, Name, ShortLine

# As in ``schemas``: single-line text without control characters; a note may hold line breaks.
_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"

CorrectionReason = Literal[
    "typo",
    "name_changed",
    "address_changed",
    "contact_changed",
    "wrong_birth_date",
    "wrong_national_number",
]
EndReason = Literal["moved_out", "left_family", "added_in_error", "deceased"]
Insz = Annotated[str, Meta(max_length=20, pattern=_LINE)]
Phone = Annotated[str, Meta(max_length=30, pattern=r"^[0-9+ ()./-]+$")]
Note = Annotated[str, Meta(min_length=1, max_length=1000, pattern=_TEXT)]


class MemberAdd(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """A member added to an open file (a newborn, a new partner of a parent): the fields asked
    at opening. No consent covers them until one names them."""

    role: MemberRole
    given_name: Name
    family_name: Name
    birth_date: date
    insz: Insz | None = None
    address: ShortLine | None = None
    phone: Phone | None = None
    email: Email | None = None


class MemberCorrectionIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """The corrected fields of a member (only those present change; ``null`` clears an optional
    one), why, and an optional note (kept encrypted, shown to the family). ``request_id``: the
    data-subject request (GDPR art. 16) it answers, if any."""

    reason: CorrectionReason
    note: Note | None = None
    request_id: uuid.UUID | None = None
    given_name: Name | UnsetType = UNSET
    family_name: Name | UnsetType = UNSET
    birth_date: date | UnsetType = UNSET
    insz: Insz | UnsetType | None = UNSET
    address: ShortLine | UnsetType | None = UNSET
    phone: Phone | UnsetType | None = UNSET
    email: Email | UnsetType | None = UNSET


class MemberEndIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """End a member's membership of the file, with the reason."""

    reason: EndReason


class MemberCorrected(Struct, kw_only=True):
    """A correction stored: the member as the caller now sees them, and the fields changed
    (a field given with its current value is not a change)."""

    member: MemberView
    corrected_fields: list[str]


class MemberEnded(Struct, kw_only=True):
    """A membership ended: partners no longer see the member; their data stays until the
    file's retention ends."""

    member_id: uuid.UUID
    ended_at: datetime
    reason: str


class CorrectionView(Struct, kw_only=True):
    """One corrected field of the family's own data: the value before and after, when, why and
    by which organisation."""

    id: uuid.UUID
    member_id: uuid.UUID
    member_name: str
    field: str
    reason: str
    note: str | None
    old_value: str | None
    new_value: str | None
    corrected_at: datetime
    corrected_by_organisation_id: uuid.UUID


class CorrectionPage(Struct, kw_only=True):
    """A page of corrections, newest first; pass ``next`` as ``after`` for the next page."""

    items: list[CorrectionView]
    next: str | None
