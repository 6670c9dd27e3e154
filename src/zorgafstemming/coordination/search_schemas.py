"""Request and response structures of finding a family (msgspec): the search within the files
one may see, and the duplicate check before opening a file. Terms travel in the body only,
never in a URL."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from msgspec import Meta, Struct

from zorgafstemming.bounds import EARLIEST_YEAR, LATEST_YEAR
from zorgafstemming.coordination.schemas import Name

_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
Insz = Annotated[str, Meta(min_length=1, max_length=20, pattern=_LINE)]
BirthYear = Annotated[int, Meta(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
Reason = Annotated[str, Meta(min_length=1, max_length=500, pattern=_LINE)]


class FileSearch(Struct, forbid_unknown_fields=True, kw_only=True):
    """What to look for: a national register number, or a family name with a birth year
    (exact after forgiving case, accents, spaces and hyphens) — one of the two."""

    insz: Insz | None = None
    family_name: Name | None = None
    birth_year: BirthYear | None = None


class DuplicateCheckIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A person's national register number, and why you check (stored encrypted, shown to the
    data protection officer, never in the audit trail)."""

    insz: Insz
    reason: Reason


class OrganisationName(Struct, kw_only=True):
    """An organisation, by name."""

    id: uuid.UUID
    name: str


class DuplicateCheckView(Struct, kw_only=True):
    """The answer of a duplicate check: whether a file for this person may exist and, if so,
    only the name of its lead organisation, to ask."""

    id: uuid.UUID
    may_exist: bool
    lead_organisations: list[OrganisationName]
    message: str


class DuplicateCheckRecord(Struct, kw_only=True):
    """A duplicate check as the data protection officer reviews it."""

    id: uuid.UUID
    checked_at: datetime
    account_id: uuid.UUID | None
    organisation: OrganisationName
    reason: str
    answered: list[OrganisationName]


class DuplicateCheckPage(Struct, kw_only=True):
    """A page of duplicate checks, newest first; pass ``next`` as ``after`` for the next page
    (null on the last)."""

    items: list[DuplicateCheckRecord]
    next: str | None
