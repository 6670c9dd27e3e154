"""The sections of a family member's export (GDPR art. 15 access, art. 20 portability), as
msgspec structs: ``docs/export.schema.json`` is derived from them.

Organisations are named, never given by id: the export is read by the person it is about.
Members keep their id (the consents and entries name them by it) and their name where the
reader may see it. A withheld item says that it exists and why, never what it holds.
"""

from __future__ import annotations

from datetime import date, datetime

from msgspec import Struct

from zorgafstemming.coordination.family_schemas import FamilyConsentState
from zorgafstemming.coordination.schemas import ConsentEventView


class ExportConsent(Struct, kw_only=True):
    """A consent about the reader (or a child they represent) with its whole history.

    ``given_by`` is the name of the member who gave it when the reader may see them, else null
    (``given_by_you`` says when it was the reader); ``members`` names the covered people the
    reader may see, ``other_members`` counts the others; ``recorded_by`` is the organisation that
    recorded it, null when it was given in the family portal.
    """

    state: FamilyConsentState
    given_by: str | None
    given_by_you: bool
    members: list[str]
    other_members: int
    recipients: list[str]
    purposes: list[str]
    categories: list[str]
    legal_basis: str
    collection_method: str
    notice_version: str
    recorded_by: str | None
    recorded_at: datetime
    signed_form_attached: bool
    valid_from: datetime
    valid_until: datetime
    withdrawn_at: datetime | None
    history: list[ConsentEventView]


class ExportAnnotation(Struct, kw_only=True):
    """A rectification written beside an entry (the entry itself is never rewritten)."""

    body: str
    author_organisation: str
    created_at: datetime


class ExportEntry(Struct, kw_only=True):
    """A journal entry shared with the reader: who wrote it (the organisation), about whom, and
    the rectifications written beside it."""

    kind: str
    category: str
    about: list[str]
    body: str
    author_organisation: str
    created_at: datetime
    annotations: list[ExportAnnotation] = []


class ExportPlanAction(Struct, kw_only=True):
    """An action of the family plan: who owns it (an organisation by name, or the family)."""

    description: str
    owner: str
    due_on: date | None
    status: str
    drop_reason: str | None


class ExportPlanComment(Struct, kw_only=True):
    """A comment on a goal: by the family, or by an organisation (by name)."""

    text: str
    by: str
    at: datetime


class ExportPlanGoal(Struct, kw_only=True):
    """A goal of the family plan as the reader may see it, with its actions and comments."""

    title: str
    actions: list[ExportPlanAction]
    comments: list[ExportPlanComment]


class ExportMessage(Struct, kw_only=True):
    """A message in a thread addressed to the family: who wrote it and when; a message outside
    what the reader may see is withheld (no text)."""

    author: str
    created_at: datetime
    withheld: bool
    body: str | None
    attachments: int


class ExportThread(Struct, kw_only=True):
    """A thread of messages between the partners and the family."""

    subject: str | None
    category: str
    messages: list[ExportMessage]


class ExportMeeting(Struct, kw_only=True):
    """A case meeting about the reader: when (Brussels time), where, what was on the agenda."""

    day: date
    start_time: str
    end_time: str
    status: str
    place: str | None
    agenda: list[str]


class ExportWithheld(Struct, kw_only=True):
    """An item about the reader that is withheld from them: when it was made and why (the
    reason's code and its Dutch label), nothing of what it holds."""

    kind: str
    created_at: datetime
    reason: str
    reason_label: str


class ExportEntries(Struct, kw_only=True):
    """The journal as the reader may see it: the entries shared with them, and one line for
    every entry about them that is withheld."""

    shared: list[ExportEntry]
    withheld: list[ExportWithheld]


class ExportAccess(Struct, kw_only=True):
    """One visit of staff to the file: when, which organisation (null: one the reader's file
    never named) in which role, whether they viewed, changed or were refused, and which parts
    (data categories, or kinds of object) they touched; ``emergency_ground`` is set for an
    access under an emergency grant."""

    at: datetime
    organisation: str | None
    role: str | None
    verb: str
    parts: list[str]
    emergency_ground: str | None
