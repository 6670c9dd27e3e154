"""What the family portal's routes answer (msgspec): the family's files with their contact
person, a consent as a family member sees it, a withdrawal and the portal's notices."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from msgspec import Struct

from zorgafstemming.coordination.schemas import ConsentEventView, EntryView, LegalBasis, MemberView


class ContactPersonView(Struct, kw_only=True):
    """The family's contact point (aanspreekpunt): the lead organisation and its contact person
    on the file, with work contact details (staff data, not family data; none known: null)."""

    organisation_id: uuid.UUID
    organisation_name: str
    name: str | None
    work_phone: str | None
    work_email: str | None


class FamilyFileView(Struct, kw_only=True):
    """What a family member sees of a file: themselves, children under 12 they represent,
    the consents about them, the entries the file shares with them, and their contact point
    (``contact``, on an open file)."""

    id: uuid.UUID
    status: str
    opened_at: datetime
    closed_at: datetime | None
    members: list[MemberView]
    consents: list[FamilyConsentView]
    entries: list[EntryView]
    contact: ContactPersonView | None = None
    # The file's short reference (eight characters), as the partners and the DPO name it.
    reference: str = ""


class FamilyFileSummary(Struct, kw_only=True):
    """A file a family member belongs to."""

    id: uuid.UUID
    status: str
    member_id: uuid.UUID
    opened_at: datetime
    closed_at: datetime | None
    # The file's short reference (eight characters), as the partners and the DPO name it.
    reference: str = ""


class FamilyFilePage(Struct, kw_only=True):
    """A page of the files you belong to, by file id; pass ``next`` as ``after`` for the next
    page (null on the last)."""

    items: list[FamilyFileSummary]
    next: str | None


FamilyConsentState = Literal[
    "in_force", "awaiting_confirmation", "scheduled", "withdrawn", "contested", "expired"
]


class OrganisationRef(Struct, kw_only=True):
    """An organisation by id and name."""

    id: uuid.UUID
    name: str


class FamilyConsentView(Struct, kw_only=True):
    """A consent as a family member sees it: about their data (or a child's they represent),
    its state for them, who recorded it and whether a signed form is attached (never its hash).

    ``recorded_by`` is None for a consent given in the family portal. ``members`` lists only the
    covered people the caller may see; ``other_members`` counts the rest.
    """

    id: uuid.UUID
    state: FamilyConsentState
    given_by: uuid.UUID
    given_by_you: bool
    members: list[uuid.UUID]
    other_members: int
    recipients: list[OrganisationRef]
    purposes: list[str]
    categories: list[str]
    notice_version: str
    collection_method: str
    recorded_by: OrganisationRef | None
    recorded_at: datetime
    signed_form_attached: bool
    valid_from: datetime
    valid_until: datetime
    withdrawn_at: datetime | None
    may_confirm: bool
    may_contest: bool
    # Processing on consent ends by withdrawal; on a statutory basis (``dijh_art74``) the
    # family objects instead (``may_object``) and the lead decides.
    legal_basis: LegalBasis
    may_withdraw: Literal["all", "own_part"] | None
    may_object: bool
    events: list[ConsentEventView]


class FamilyWithdrawalView(Struct, kw_only=True):
    """What a withdrawal changed for the caller: which organisations still reach their data
    through other consents, and which no longer do (since ``withdrawn_at``)."""

    consent_id: uuid.UUID
    file_id: uuid.UUID
    scope: Literal["all", "own_part"]
    members: list[uuid.UUID]
    withdrawn_at: datetime
    still_access: list[OrganisationRef]
    no_access: list[OrganisationRef]


class FamilyNoticeView(Struct, kw_only=True):
    """A portal notice: what happened to which consent of which file, who recorded it, when."""

    id: uuid.UUID
    kind: str
    file_id: uuid.UUID
    consent_id: uuid.UUID | None
    organisation: OrganisationRef | None
    created_at: datetime
    reference: str = ""  # the file's short reference, as the family quotes it


class FamilyNoticePage(Struct, kw_only=True):
    """A page of portal notices, newest first; pass ``next`` as ``after`` for the next page."""

    items: list[FamilyNoticeView]
    next: str | None
