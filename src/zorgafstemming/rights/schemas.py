"""Request and response structures of data-subject requests (msgspec)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from msgspec import Struct

from zorgafstemming.coordination.schemas import EntryBody
from zorgafstemming.rights.rules import (
    RequestKind,
    RequestScope,
    RequestStatus,
    StepKind,
    TakenStep,
)

Channel = Literal["family_portal", "on_behalf"]
QueueFilter = Literal["open", "all"]


class RequestIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A data-subject request about one member of a file: its kind (access, rectification,
    erasure, restriction, objection, portability), the member it is about (yourself when 12 or
    older, or a child under 12 you represent) and what you ask, in your own words.

    ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
    default) or the whole file, everyone in it (``file``); any other kind is about the member
    alone (``file`` answers 422 on ``scope``)."""

    kind: RequestKind
    member_id: uuid.UUID
    details: EntryBody
    scope: RequestScope = "member"


class StepIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A step on a request: ``start`` (in progress), ``extend`` (once, by two months; a reason
    is required), ``answer`` (with an outcome note; an access or portability request is
    answered without one: its note is fixed and says where the family finds its export) or
    ``refuse`` (a reason is required)."""

    step: TakenStep
    reason: EntryBody | None = None


class StepView(Struct, kw_only=True):
    """One step of a request: which, when, by whom (role and organisation) and its reason or
    outcome note — shown to those who handle the request and, on the family's own page of the
    request, to the family (null once the file's key is shredded)."""

    step: StepKind
    at: datetime
    actor_role: str
    organisation_id: uuid.UUID | None
    reason: str | None = None


class RequestView(Struct, kw_only=True):
    """A data-subject request with its statutory deadline.

    ``due_at`` is the instant it must be answered by (the end of ``due_date``, Brussels time);
    ``overdue`` is true once that has passed while the request is still open. ``channel`` says
    whether the family filed it in the portal or a partner's worker filed it on their behalf
    (``filed_by_organisation_id``). ``details`` and the steps' reasons are shown only to those
    who may read them, and are null once the file is purged (its data key is shredded).
    """

    id: uuid.UUID
    kind: RequestKind
    scope: RequestScope
    status: RequestStatus
    reference: str
    file_id: uuid.UUID | None
    member_id: uuid.UUID | None
    channel: Channel
    filed_by_organisation_id: uuid.UUID | None
    received_at: datetime
    due_at: datetime
    due_date: date
    extended: bool
    overdue: bool
    closed_at: datetime | None = None
    details: str | None = None
    steps: list[StepView] | None = None


class RequestPage(Struct, kw_only=True):
    """A page of data-subject requests; pass ``next`` as ``after`` for the next page (null on
    the last)."""

    items: list[RequestView]
    next: str | None
