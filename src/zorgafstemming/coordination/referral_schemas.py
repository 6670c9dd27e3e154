"""Request and response structures of the warm hand-over: referrals, the lead offered to a
partner, leaving a file, contact persons (msgspec)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from msgspec import Struct

from zorgafstemming.coordination.schemas import EntryBody, Word

Urgency = Literal["routine", "soon", "urgent"]
DeclineReason = Literal["no_capacity", "not_our_service", "family_elsewhere", "other"]
ReferralStatus = Literal["open", "waiting_for_consent", "joined", "declined"]


class ReferralIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Refer the family to another partner organisation: the purpose (vocabulary), urgency and
    a hand-over note with its data category; your organisation's consent must cover that
    category for the purpose."""

    to_organisation_id: uuid.UUID
    purpose: Word
    urgency: Urgency = "routine"
    note: EntryBody
    note_category: Word


class ReferralDeclineIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Decline a referral, with a reason code (never free text)."""

    reason: DeclineReason


class ReferralView(Struct, kw_only=True):
    """A referral as the caller may see it.

    The receiving organisation sees, before it takes part in the file, only who refers, the
    purpose, the urgency and the file's short reference; the file id once it has joined, and
    the note (with its category) only when its consent covers that category and the worker is
    assigned. ``status``: ``open`` (waiting for an answer), ``waiting_for_consent`` (accepted;
    it joins once a consent in force names it for the purpose), ``joined``, ``declined``.
    """

    id: uuid.UUID
    reference: str
    from_organisation_id: uuid.UUID
    to_organisation_id: uuid.UUID
    purpose: str
    urgency: str
    status: ReferralStatus
    created_at: datetime
    answered_at: datetime | None = None
    decline_reason: str | None = None
    joined_at: datetime | None = None
    file_id: uuid.UUID | None = None
    note_category: str | None = None
    note: str | None = None


class ReferralPage(Struct, kw_only=True):
    """Referrals addressed to your organisation, newest first by (created_at, id); pass
    ``next`` as ``after`` for the next page (null on the last)."""

    items: list[ReferralView]
    next: str | None


class LeadOfferIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Offer the lead of the file to a partner organisation taking part under consent."""

    organisation_id: uuid.UUID


class LeadHandoverView(Struct, kw_only=True):
    """An offer of the file's lead: ``offered``, then ``accepted`` (the partner leads from
    ``answered_at``) or ``declined``."""

    id: uuid.UUID
    file_id: uuid.UUID
    from_organisation_id: uuid.UUID
    to_organisation_id: uuid.UUID
    status: Literal["offered", "accepted", "declined", "withdrawn"]
    offered_at: datetime
    answered_at: datetime | None = None


class ContactIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Name one of your organisation's workers assigned to the file as its contact person."""

    account_id: uuid.UUID


class ContactView(Struct, kw_only=True):
    """An organisation's contact person on the file."""

    organisation_id: uuid.UUID
    account_id: uuid.UUID
