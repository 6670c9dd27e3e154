"""Request and response structures of who works on a file (assignments) and of the links of
existing family accounts waiting for their holder's answer (msgspec)."""

from __future__ import annotations

import uuid
from datetime import datetime

from msgspec import Struct


class AssignmentIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Assign a social worker of your own organisation to the file."""

    account_id: uuid.UUID


class AssignmentView(Struct, kw_only=True):
    """A worker of the caller's organisation assigned to the file (a colleague: the e-mail
    address is the one the organisation knows them by)."""

    account_id: uuid.UUID
    assigned_at: datetime
    email: str | None


class ColleagueView(Struct, kw_only=True):
    """An active social worker of the caller's organisation who may be assigned."""

    account_id: uuid.UUID
    email: str | None
    is_coordinator: bool


class AssignmentOverview(Struct, kw_only=True):
    """The caller's organisation's workers on a file (never those of other organisations),
    the colleagues not assigned yet, and whether the caller may end an assignment. Not a
    paged list: it is bounded by the size of one organisation's team."""

    items: list[AssignmentView]
    assignable: list[ColleagueView]
    may_unassign: bool


class MemberLinkView(Struct, kw_only=True):
    """A partner's request to link your family account to a member of a file: nothing of the
    file is shown until you accept."""

    id: uuid.UUID
    file_id: uuid.UUID
    lead_organisation: str
    requested_at: datetime


class MemberLinkPage(Struct, kw_only=True):
    """A page of link requests, oldest first by (requested_at, id); pass ``next`` as
    ``after`` for the next page (null on the last)."""

    items: list[MemberLinkView]
    next: str | None


class MemberLinkAnswer(Struct, kw_only=True):
    """Your answer to a link request; once accepted the file is among your files."""

    id: uuid.UUID
    file_id: uuid.UUID
    accepted: bool
