"""Pure rules of coordination and consent, testable without a database.

Times are timezone-aware instants; calendar questions (age, birthdays) are answered in
Europe/Brussels, where the families and the law live.
"""

from __future__ import annotations

import calendar
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

# A youth of 12 or older consents for themselves (Flemish decree on the legal position of
# minors in youth care, art. 4); below that a parent or guardian consents on their behalf.
AGE_OF_CAPACITY = 12
EXPIRY_REMINDER = timedelta(days=30)
# The longest a consent may run before it must be renewed.
MAX_CONSENT_DURATION = timedelta(days=3 * 366)

_INSZ_SEPARATORS = re.compile(r"[\s.\-/]")


class MemberRole(StrEnum):
    """A member's role in the family."""

    PARENT = "parent"
    GUARDIAN = "guardian"
    CHILD = "child"
    YOUTH = "youth"
    OTHER = "other"


LEGAL_REPRESENTATIVES = frozenset({MemberRole.PARENT, MemberRole.GUARDIAN})


class InvalidInsz(ValueError):
    """Not a national register number: wrong length, characters or checksum."""


# --- INSZ / rijksregisternummer -------------------------------------------------------------


def normalise_insz(value: str) -> str:
    """Strip the usual separators (spaces, dots, dashes) and check the INSZ checksum.

    The number is ``YYMMDD`` + a 3-digit serial + a 2-digit check ``97 - (N mod 97)`` where
    ``N`` is the first nine digits, or, for people born in 2000 or later, ``2`` followed by
    them. The century is not written, so either rule may hold. Returns the 11 digits.
    """
    digits = _INSZ_SEPARATORS.sub("", value)
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit():
        raise InvalidInsz("a national register number has 11 digits")
    body, check = int(digits[:9]), int(digits[9:])
    if check not in (insz_check(body, born_2000_or_later=False), insz_check(body, True)):
        raise InvalidInsz("the national register number's check digits do not match")
    return digits


def insz_check(first_nine: int, born_2000_or_later: bool) -> int:
    """The two check digits of an INSZ for its first nine digits."""
    base = first_nine + 2_000_000_000 if born_2000_or_later else first_nine
    return 97 - (base % 97)


def is_valid_insz(value: str) -> bool:
    """Whether ``value`` is a national register number with a correct checksum."""
    try:
        normalise_insz(value)
    except InvalidInsz:
        return False
    return True


# --- age and capacity ----------------------------------------------------------------------


def local_date(at: datetime) -> date:
    """The calendar date in Brussels at instant ``at``."""
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.astimezone(BRUSSELS).date()


def birthday_in(birth_date: date, year: int) -> date:
    """The birthday in ``year``; a 29 February birthday counts from 1 March in other years."""
    if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth_date.replace(year=year)


def age_on(birth_date: date, on: date) -> int:
    """Age in whole years on calendar date ``on``."""
    years = on.year - birth_date.year
    return years if on >= birthday_in(birth_date, on.year) else years - 1


def age_at(birth_date: date, at: datetime) -> int:
    """Age in whole years at instant ``at``, counted in Brussels."""
    return age_on(birth_date, local_date(at))


def capacity_from(birth_date: date) -> datetime:
    """The instant (midnight in Brussels on the 12th birthday) a youth consents for themselves."""
    day = birthday_in(birth_date, birth_date.year + AGE_OF_CAPACITY)
    return datetime.combine(day, time(0), tzinfo=BRUSSELS).astimezone(UTC)


def has_capacity(birth_date: date, at: datetime) -> bool:
    """Whether a member of this birth date consents for themselves at ``at``."""
    return at >= capacity_from(birth_date)


@dataclass(frozen=True)
class MemberFacts:
    """What the rules need about a member: identity, family role and birth date."""

    id: uuid.UUID
    role: MemberRole
    birth_date: date


def may_consent_for(giver: MemberFacts, member: MemberFacts, at: datetime) -> bool:
    """Whether ``giver`` may consent for ``member``'s data at ``at``.

    A member of 12 or older consents for themselves; for a child under 12 a parent or guardian
    does. Nobody consents for another person of 12 or older.
    """
    if giver.id == member.id:
        return has_capacity(member.birth_date, at)
    return (
        giver.role in LEGAL_REPRESENTATIVES
        and has_capacity(giver.birth_date, at)
        and not has_capacity(member.birth_date, at)
    )


# --- consent -------------------------------------------------------------------------------

ConsentState = Literal["pending", "active", "withdrawn", "expired"]


@dataclass(frozen=True)
class ConsentFacts:
    """A consent record with its history folded in (renewals extend ``valid_until``)."""

    id: uuid.UUID
    given_by: uuid.UUID
    given_at: datetime
    members: frozenset[uuid.UUID]
    recipients: frozenset[uuid.UUID]
    purposes: frozenset[str]
    categories: frozenset[str]
    valid_from: datetime
    valid_until: datetime
    withdrawn_at: datetime | None = None
    # Recorded by a partner without the signed form: it grants nothing until the family
    # confirms it in the portal.
    awaiting_confirmation: bool = False


def consent_state(consent: ConsentFacts, at: datetime) -> ConsentState:
    """The consent's state at ``at``; expiry is decided here, at read time, not by a job."""
    if consent.awaiting_confirmation and consent.withdrawn_at is None:
        return "pending"
    if consent.withdrawn_at is not None and consent.withdrawn_at <= at:
        return "withdrawn"
    if at >= consent.valid_until:
        return "expired"
    if at < consent.valid_from:
        return "pending"
    return "active"


def is_active(consent: ConsentFacts, at: datetime) -> bool:
    """Whether the consent is in force at ``at`` (started, not expired, not withdrawn)."""
    return consent_state(consent, at) == "active"


def consent_end(consent: ConsentFacts) -> datetime:
    """When the consent stops, by expiry or withdrawal, whichever comes first."""
    if consent.withdrawn_at is not None:
        return min(consent.valid_until, consent.withdrawn_at)
    return consent.valid_until


def coverage(
    consent: ConsentFacts, member: MemberFacts, giver: MemberFacts | None
) -> tuple[datetime, datetime] | None:
    """The half-open interval in which ``consent`` validly covers ``member``, or None.

    A consent by the member themselves counts only if they were 12 or older when giving it; a
    parent's or guardian's consent for a child counts until the child's 12th birthday, when it
    lapses and the youth decides for themselves.
    """
    if member.id not in consent.members or giver is None or giver.id != consent.given_by:
        return None
    if consent.awaiting_confirmation:
        return None
    start, end = consent.valid_from, consent_end(consent)
    if not may_consent_for(giver, member, consent.given_at):
        return None
    if giver.id != member.id:
        end = min(end, capacity_from(member.birth_date))
    return (start, end) if start < end else None


def covers_member(
    consent: ConsentFacts,
    member: MemberFacts,
    giver: MemberFacts | None,
    at: datetime,
) -> bool:
    """Whether ``consent`` validly covers ``member`` at instant ``at``."""
    interval = coverage(consent, member, giver)
    return interval is not None and interval[0] <= at < interval[1]


def covered_categories(
    consents: Iterable[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    *,
    organisation: uuid.UUID,
    purpose: str,
    at: datetime,
) -> dict[uuid.UUID, frozenset[str]]:
    """Per member, the data categories ``organisation`` may use for ``purpose`` at ``at``."""
    result: dict[uuid.UUID, set[str]] = {}
    for consent in consents:
        if organisation not in consent.recipients or purpose not in consent.purposes:
            continue
        giver = members.get(consent.given_by)
        for member_id in consent.members:
            member = members.get(member_id)
            if member is not None and covers_member(consent, member, giver, at):
                result.setdefault(member_id, set()).update(consent.categories)
    return {member_id: frozenset(cats) for member_id, cats in result.items()}


def covers(
    consents: Iterable[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    *,
    organisation: uuid.UUID,
    purpose: str,
    category: str,
    member_ids: Iterable[uuid.UUID],
    at: datetime,
) -> bool:
    """Whether ``organisation`` may use ``category`` data about every one of ``member_ids``.

    Each member must be covered by some consent in force naming the organisation, the purpose
    and the category; an empty set of members is never covered.
    """
    wanted = set(member_ids)
    if not wanted:
        return False
    per_member = covered_categories(
        consents, members, organisation=organisation, purpose=purpose, at=at
    )
    return all(category in per_member.get(m, frozenset()) for m in wanted)


def organisation_has_consent(
    consents: Iterable[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    organisation: uuid.UUID,
    at: datetime,
) -> bool:
    """Whether any consent in force validly covers some member for ``organisation``."""
    for consent in consents:
        if organisation not in consent.recipients:
            continue
        giver = members.get(consent.given_by)
        for member_id in consent.members:
            member = members.get(member_id)
            if member is not None and covers_member(consent, member, giver, at):
                return True
    return False


def effective_closing_time(
    consents: Iterable[ConsentFacts], members: Mapping[uuid.UUID, MemberFacts]
) -> datetime | None:
    """When the file's last valid consent ends (expiry, withdrawal or a 12th birthday).

    None when no consent ever validly covered anybody. Retention uses this as the trigger of
    the file's retention clock; see also :func:`file_closed_at`.
    """
    latest: datetime | None = None
    for consent in consents:
        giver = members.get(consent.given_by)
        for member_id in consent.members:
            member = members.get(member_id)
            if member is None:
                continue
            interval = coverage(consent, member, giver)
            if interval is not None and (latest is None or interval[1] > latest):
                latest = interval[1]
    return latest


def file_closed_at(
    closed_at: datetime | None,
    consents: Iterable[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    opened_at: datetime,
    at: datetime,
) -> datetime | None:
    """When the file closed (by the lead or because no valid consent remains), None if open.

    A closed file stays closed; an open file counts as closed from its effective closing time
    once that has passed. A file that never had valid consent counts as closed when opened.
    """
    if closed_at is not None:
        return closed_at
    ends = effective_closing_time(consents, members)
    if ends is None:
        return opened_at
    return ends if ends <= at else None


def next_lead(
    current_lead: uuid.UUID,
    participants: Sequence[uuid.UUID],
    consents: Sequence[ConsentFacts],
    members: Mapping[uuid.UUID, MemberFacts],
    at: datetime,
) -> uuid.UUID | None:
    """The lead after a consent change: the current lead while it has consent, else the first
    participant (in joining order) that still has it, else None (the file closes)."""
    if organisation_has_consent(consents, members, current_lead, at):
        return current_lead
    for organisation in participants:
        if organisation != current_lead and organisation_has_consent(
            consents, members, organisation, at
        ):
            return organisation
    return None


def expiry_reminder_due(consent: ConsentFacts, at: datetime) -> bool:
    """Whether the lead should be reminded: in force and ending within 30 days by expiry."""
    return is_active(consent, at) and consent.valid_until - EXPIRY_REMINDER <= at


# --- family view ---------------------------------------------------------------------------


def family_visible_members(
    viewer: MemberFacts, members: Iterable[MemberFacts], at: datetime
) -> frozenset[uuid.UUID]:
    """The members whose data a family member sees: themselves, and as a parent or guardian
    the children under 12 of the file."""
    visible = {viewer.id}
    if viewer.role in LEGAL_REPRESENTATIVES:
        visible.update(
            m.id for m in members if m.id != viewer.id and not has_capacity(m.birth_date, at)
        )
    return frozenset(visible)


def family_may_see_entry(
    visible_members: frozenset[uuid.UUID], about: Iterable[uuid.UUID], confidential: bool
) -> bool:
    """A family member sees an entry that is not confidential and is only about people whose
    data they may see (a joint entry about another adult stays hidden)."""
    about_set = set(about)
    return not confidential and bool(about_set) and about_set <= visible_members


def family_may_withdraw(
    viewer: MemberFacts,
    consent: ConsentFacts,
    members: Mapping[uuid.UUID, MemberFacts],
    at: datetime,
) -> bool:
    """Whether a family member may withdraw ``consent``: they gave it, or it covers them and
    they are 12 or older, or it covers a child under 12 they represent."""
    if viewer.id == consent.given_by:
        return True
    for member_id in consent.members:
        member = members.get(member_id)
        if member is None:
            continue
        if member_id == viewer.id and has_capacity(viewer.birth_date, at):
            return True
        if member_id != viewer.id and may_consent_for(viewer, member, at):
            return True
    return False


def correction_shifts_capacity(
    member_id: uuid.UUID,
    old_birth_date: date,
    new_birth_date: date,
    consents: Iterable[ConsentFacts],
    at: datetime,
) -> bool:
    """Whether correcting a member's birth date changes who consents for them: their capacity
    (12th birthday reached) differs now, or when a consent naming or given by them was given.
    Such a correction would revive or void consents without anyone deciding it."""
    moments = [at] + [
        c.given_at for c in consents if member_id in c.members or c.given_by == member_id
    ]
    return any(has_capacity(old_birth_date, m) != has_capacity(new_birth_date, m) for m in moments)
