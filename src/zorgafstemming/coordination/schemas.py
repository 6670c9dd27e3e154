"""Request and response structures of the coordination API (msgspec).

Text fields refuse control characters (a note may hold line breaks and tabs); lengths are
bounded well below the request body limit. Response fields a consent does not cover are
*absent* (``UNSET``), never blanked, and each response lists what it withheld.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType, field

from zorgafstemming.bounds import DatedInput
from zorgafstemming.coordination.rules import MemberRole

# Single-line text: no C0/C1 control characters at all.
_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
# Multi-line text: line feed, carriage return and tab allowed, other control characters not.
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"

ENTRY_MAX_CHARS = 20_000
MAX_MEMBERS = 20
MAX_CONSENTS = 10

Name = Annotated[str, Meta(min_length=1, max_length=100, pattern=_LINE)]
ShortLine = Annotated[str, Meta(min_length=1, max_length=200, pattern=_LINE)]
Word = Annotated[str, Meta(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")]
Ref = Annotated[str, Meta(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
NoticeVersion = Annotated[str, Meta(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9._-]+$")]
Email = Annotated[str, Meta(max_length=254, pattern=r"^[^\s@\x00-\x1f]+@[^\s@\x00-\x1f]+$")]
EntryBody = Annotated[str, Meta(min_length=1, max_length=ENTRY_MAX_CHARS, pattern=_TEXT)]
LegalBasis = Literal["consent", "dijh_art74"]
CollectionMethod = Literal["in_person", "signed_form", "family_portal"]


class MemberIn(DatedInput, forbid_unknown_fields=True):
    """A member of a new file; ``ref`` names them within this request (for its consents)."""

    ref: Ref
    role: MemberRole
    given_name: Name
    family_name: Name
    birth_date: date
    insz: Annotated[str, Meta(max_length=20, pattern=_LINE)] | None = None
    address: ShortLine | None = None
    phone: Annotated[str, Meta(max_length=30, pattern=r"^[0-9+ ()./-]+$")] | None = None
    email: Email | None = None


class ConsentTerms(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """What a consent says (ISO/IEC TS 27560): to whom, for what, on which basis, how long."""

    recipients: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=20)]
    purposes: Annotated[list[Word], Meta(min_length=1, max_length=10)]
    categories: Annotated[list[Word], Meta(min_length=1, max_length=20)]
    legal_basis: LegalBasis = "consent"
    notice_version: NoticeVersion
    # No start: from the moment it is recorded; a start may lie in the future, never the past.
    # How it was collected, by whom and when is set by the server, never by the request.
    valid_from: datetime | None = None
    valid_until: datetime


class FileConsentIn(ConsentTerms, kw_only=True):
    """A consent given with a new file; members are named by their ``ref`` in the request.

    ``evidence_id`` names an uploaded scan of the signed form (``POST /evidence``); the consent
    that lets the caller open the file needs one.
    """

    given_by: Ref
    members: Annotated[list[Ref], Meta(min_length=1, max_length=MAX_MEMBERS)]
    evidence_id: uuid.UUID | None = None


class ConsentIn(ConsentTerms, kw_only=True):
    """A further consent on an existing file; members are named by id. Without ``evidence_id``
    (an uploaded scan of the signed form) it waits for the family's confirmation."""

    given_by: uuid.UUID
    members: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=MAX_MEMBERS)]
    evidence_id: uuid.UUID | None = None


class FamilyConsentIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """A consent a family member gives in the portal, for themselves (12 or older) or a child
    under 12 they represent.

    Only what the family chooses travels: the organisations, purposes and categories, the
    notice version they were shown and (optionally) the end. The server sets the rest — it is
    given in the portal, by the caller, in force from now, on the basis of consent.
    """

    file_id: uuid.UUID
    members: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=MAX_MEMBERS)]
    recipients: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=20)]
    purposes: Annotated[list[Word], Meta(min_length=1, max_length=10)]
    categories: Annotated[list[Word], Meta(min_length=1, max_length=20)]
    notice_version: NoticeVersion
    valid_until: datetime | None = None


class FileCreate(Struct, forbid_unknown_fields=True):
    """Open a file: its members and at least one consent naming the caller's organisation."""

    members: Annotated[list[MemberIn], Meta(min_length=1, max_length=MAX_MEMBERS)]
    consents: Annotated[list[FileConsentIn], Meta(min_length=1, max_length=MAX_CONSENTS)]


class EntryIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A journal entry: kind and category from the vocabulary, about one or more members.

    A ``confidential`` entry is withheld from the family and needs a ``confidential_reason``
    (a code of the vocabulary's ``confidential_reasons``), which the family is told instead of
    the text; an entry that is not confidential takes none.
    """

    kind: Word
    category: Word | None = None
    about: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=MAX_MEMBERS)]
    body: EntryBody
    confidential: bool = False
    confidential_reason: Word | None = None


class ParticipantIn(Struct, forbid_unknown_fields=True):
    """A partner organisation to add to the file."""

    organisation_id: uuid.UUID


class RenewIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """Extend a consent in force to a new end, optionally with a scan of the signed renewal."""

    valid_until: datetime
    evidence_id: uuid.UUID | None = None


class EvidenceView(Struct, kw_only=True):
    """An uploaded scan of a signed consent form: name it in a consent's ``evidence_id``."""

    id: uuid.UUID
    sha256: str
    media_type: str
    size: int


class InvitationIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Invite a member to the family portal, or link the family account they already have."""

    existing_account_id: uuid.UUID | None = None


# --- responses -----------------------------------------------------------------------------


class MemberView(Struct, omit_defaults=True, kw_only=True):
    """A member. One the caller may see (``visible``) carries its role and the fields of the
    categories the consent covers, the others absent and listed as withheld; a member the
    caller's consent does not cover is only ``{"id": ..., "visible": false}``."""

    id: uuid.UUID
    visible: bool
    role: str | UnsetType = UNSET
    withheld_categories: list[str] | UnsetType = UNSET
    given_name: str | UnsetType = UNSET
    family_name: str | UnsetType = UNSET
    birth_date: str | UnsetType = UNSET
    insz: str | UnsetType | None = UNSET
    address: str | UnsetType | None = UNSET
    phone: str | UnsetType | None = UNSET
    email: str | UnsetType | None = UNSET


class ConsentEventView(Struct, kw_only=True):
    """One step in a consent's history."""

    kind: str
    occurred_at: datetime
    valid_until: datetime | None


class ConsentView(Struct, kw_only=True):
    """A consent record with its current state and history."""

    id: uuid.UUID
    state: str
    given_by: uuid.UUID
    on_behalf: bool
    members: list[uuid.UUID]
    recipients: list[uuid.UUID]
    purposes: list[str]
    categories: list[str]
    legal_basis: str
    collection_method: str
    notice_version: str
    valid_from: datetime
    valid_until: datetime
    withdrawn_at: datetime | None
    recorded_at: datetime
    events: list[ConsentEventView]


class FileView(Struct, kw_only=True):
    """A coordination file as the caller's organisation needs to know it: every member (those
    its consent does not cover only as not visible), the consents that name the organisation
    and how many others the file has."""

    id: uuid.UUID
    status: str
    lead_organisation_id: uuid.UUID
    opened_at: datetime
    closed_at: datetime | None
    participants: list[uuid.UUID]
    members: list[MemberView]
    consents: list[ConsentView]
    other_consents: int
    withheld_categories: list[str]
    # The file's short reference (eight characters), the same everywhere it is named.
    reference: str = ""
    # "Gezin Peeters — Zoersel" when the consent covers a family name (and address), else null.
    label: str | None = None
    # While processing is restricted (GDPR art. 18; status "restricted"): since when. Partners
    # then see the id, reference, status and this, nothing else (lists and members empty).
    restricted_since: datetime | None = None


class FileSummary(Struct, kw_only=True):
    """A file in a list: no personal data. ``assigned`` is false only in a coordinator's
    overview, for a file of their organisation nobody assigned them to."""

    id: uuid.UUID
    status: str
    lead_organisation_id: uuid.UUID
    opened_at: datetime
    closed_at: datetime | None
    assigned: bool = True
    # The file's short reference (eight characters), the same everywhere it is named.
    reference: str = ""
    # "Gezin Peeters — Zoersel" when the caller's consent covers a family name, else null
    # (always null for a file the caller is not assigned to).
    label: str | None = None
    # The caller's organisation on this file: "lead" or "partner".
    role: str = "partner"
    # The latest journal entry's time, or the opening when there is none.
    last_activity: datetime | None = None


class FilePage(Struct, kw_only=True):
    """A page of files, ordered by id; pass ``next`` as ``after`` for the next page (null on
    the last)."""

    items: list[FileSummary]
    next: str | None


class AnnotationIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A correction or supplement to a journal entry (GDPR art. 16), kept beside it; the entry
    itself is never rewritten. ``request_id``: the data-subject request it answers, if any."""

    body: EntryBody
    request_id: uuid.UUID | None = None


class OwnStatementIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A family member's own statement about themselves (12 or older), for the file's journal;
    ``member_id`` is the writer's own membership of the file."""

    member_id: uuid.UUID
    body: EntryBody
    request_id: uuid.UUID | None = None


class AnnotationView(Struct, kw_only=True):
    """An annotation beside a journal entry, as shown with the entry."""

    id: uuid.UUID
    entry_id: uuid.UUID
    body: str
    author_organisation_id: uuid.UUID
    created_at: datetime
    request_id: uuid.UUID | None = None


class EntryView(Struct, kw_only=True):
    """A journal entry the caller may see, with the annotations beside it (oldest first)."""

    id: uuid.UUID
    kind: str
    category: str
    about: list[uuid.UUID]
    body: str
    confidential: bool
    author_organisation_id: uuid.UUID
    created_at: datetime
    annotations: list[AnnotationView] = field(default_factory=list)
    # Why it is withheld from the family (a code of the vocabulary), when confidential.
    confidential_reason: str | None = None


class EntryPage(Struct, kw_only=True):
    """A page of entries, oldest first (by id), with the categories of entries on it left out
    for lack of consent; pass ``next`` as ``after`` for the next page (null on the last)."""

    items: list[EntryView]
    next: str | None
    withheld_categories: list[str]


class ParticipantView(Struct, kw_only=True):
    """A participant organisation of a file."""

    organisation_id: uuid.UUID
    joined_at: datetime


class InvitationView(Struct, kw_only=True):
    """A family account for a member. A new account comes with the in-person code for the
    letter, shown once; it works only with a second code mailed to the member's own address.
    For an existing family account, ``link_pending``: the holder accepts the link in the
    portal."""

    account_id: uuid.UUID
    member_id: uuid.UUID
    in_person_code: str | None = None
    code_expires_at: datetime | None = None
    link_pending: bool = False


class NotificationView(Struct, kw_only=True):
    """An in-app notice for the caller's organisation."""

    id: uuid.UUID
    file_id: uuid.UUID
    kind: str
    consent_id: uuid.UUID | None
    created_at: datetime
    # The file's short reference (eight characters).
    reference: str = ""


class NotificationPage(Struct, kw_only=True):
    """A page of notices, newest first by (created_at, id); pass ``next`` as ``after`` for the
    next page (null on the last)."""

    items: list[NotificationView]
    next: str | None
