"""The pure consent and coordination rules, at their boundaries."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.rules import (
    ConsentFacts,
    InvalidInsz,
    MemberFacts,
    MemberRole,
)

ORG_A = uuid.UUID(int=1)
ORG_B = uuid.UUID(int=2)
ORG_C = uuid.UUID(int=3)


def brussels(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=rules.BRUSSELS)


def member(role: MemberRole, birth: date) -> MemberFacts:
    return MemberFacts(id=uuid.uuid4(), role=role, birth_date=birth)


def consent(
    giver: MemberFacts,
    members: list[MemberFacts],
    *,
    start: datetime,
    until: datetime,
    recipients: tuple[uuid.UUID, ...] = (ORG_A,),
    categories: tuple[str, ...] = ("identity", "case_notes"),
    purposes: tuple[str, ...] = ("care_coordination",),
    withdrawn_at: datetime | None = None,
) -> ConsentFacts:
    return ConsentFacts(
        id=uuid.uuid4(),
        given_by=giver.id,
        given_at=start,
        members=frozenset(m.id for m in members),
        recipients=frozenset(recipients),
        purposes=frozenset(purposes),
        categories=frozenset(categories),
        valid_from=start,
        valid_until=until,
        withdrawn_at=withdrawn_at,
    )


# --- INSZ ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["85073003328", "85.07.30-033.28", "85 07 30 033 28", "12031512320"],
)
def test_valid_insz_is_accepted_and_normalised(value: str) -> None:
    assert rules.normalise_insz(value) == value.replace(".", "").replace("-", "").replace(" ", "")


def test_post_2000_number_needs_the_2000_rule() -> None:
    # 120315123: check 20 under the 2000+ rule, 88 under the old rule; 21 under neither.
    assert rules.insz_check(120315123, born_2000_or_later=True) == 20
    assert rules.insz_check(120315123, born_2000_or_later=False) == 88
    assert rules.is_valid_insz("12031512320")
    assert rules.is_valid_insz("12031512388")
    assert not rules.is_valid_insz("12031512321")


@pytest.mark.parametrize(
    "value",
    ["85073003329", "8507300332", "850730033288", "8507300332a", "", "٨٥٠٧٣٠٠٣٣٢٨"],
)
def test_invalid_insz_is_refused(value: str) -> None:
    with pytest.raises(InvalidInsz):
        rules.normalise_insz(value)


@given(
    born=st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
    serial=st.integers(min_value=1, max_value=998),
)
def test_insz_built_from_any_birth_date_validates(born: date, serial: int) -> None:
    first_nine = int(f"{born:%y%m%d}{serial:03d}")
    check = rules.insz_check(first_nine, born_2000_or_later=born.year >= 2000)
    number = f"{first_nine:09d}{check:02d}"
    assert rules.normalise_insz(number) == number


@given(
    born=st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)),
    serial=st.integers(min_value=1, max_value=998),
    position=st.integers(min_value=0, max_value=8),
    delta=st.integers(min_value=1, max_value=9),
)
def test_one_wrong_digit_breaks_the_checksum_of_its_century(
    born: date, serial: int, position: int, delta: int
) -> None:
    after_2000 = born.year >= 2000
    first_nine = int(f"{born:%y%m%d}{serial:03d}")
    check = rules.insz_check(first_nine, after_2000)
    digits = list(f"{first_nine:09d}")
    digits[position] = str((int(digits[position]) + delta) % 10)
    typo = int("".join(digits))
    assert rules.insz_check(typo, after_2000) != check


# --- age and capacity ------------------------------------------------------------------------


def test_age_counts_in_brussels_not_utc() -> None:
    born = date(2014, 6, 1)
    # 31 May 22:30 UTC is already 1 June 00:30 in Brussels (summer time).
    assert rules.age_at(born, datetime(2026, 5, 31, 22, 30, tzinfo=UTC)) == 12
    assert rules.age_at(born, datetime(2026, 5, 31, 21, 30, tzinfo=UTC)) == 11


def test_leap_day_birthday_counts_from_first_of_march_in_common_years() -> None:
    born = date(2012, 2, 29)
    assert rules.age_on(born, date(2023, 2, 28)) == 10
    assert rules.age_on(born, date(2023, 3, 1)) == 11
    assert rules.age_on(born, date(2024, 2, 28)) == 11
    assert rules.age_on(born, date(2024, 2, 29)) == 12
    # 2012 + 12 = 2024 is a leap year: capacity on 29 February itself.
    assert rules.capacity_from(born) == brussels(2024, 2, 29)


def test_leap_day_child_gains_capacity_on_first_of_march_in_a_common_year() -> None:
    # Twelve is a multiple of four, so the 12th birthday of a 29 February child is itself on
    # a 29 February, except across a century that is not a leap year: 2088 + 12 = 2100.
    born = date(2088, 2, 29)
    assert rules.capacity_from(born) == brussels(2100, 3, 1)
    assert not rules.has_capacity(born, brussels(2100, 2, 28, 23, 59))
    assert rules.has_capacity(born, brussels(2100, 3, 1))
    assert rules.age_on(born, date(2100, 2, 28)) == 11
    assert rules.age_on(born, date(2100, 3, 1)) == 12


def test_capacity_boundary_day_before_and_day_of_twelfth_birthday() -> None:
    born = date(2014, 11, 26)
    assert not rules.has_capacity(born, brussels(2026, 11, 25, 23, 59))
    assert rules.has_capacity(born, brussels(2026, 11, 26, 0, 0))


# --- who may consent -------------------------------------------------------------------------


PARENT = member(MemberRole.PARENT, date(1985, 7, 30))
CHILD_11 = member(MemberRole.CHILD, date(2015, 3, 10))  # 12 on 10 March 2027
YOUTH_13 = member(MemberRole.YOUTH, date(2013, 1, 5))
UNCLE = member(MemberRole.OTHER, date(1980, 1, 1))
NOW = brussels(2026, 11, 26, 10)
LATER = NOW + timedelta(days=365)
MEMBERS = {m.id: m for m in (PARENT, CHILD_11, YOUTH_13, UNCLE)}


def test_youth_of_twelve_consents_for_themselves_parent_for_a_younger_child() -> None:
    assert rules.may_consent_for(YOUTH_13, YOUTH_13, NOW)
    assert rules.may_consent_for(PARENT, CHILD_11, NOW)
    assert rules.may_consent_for(PARENT, PARENT, NOW)
    assert not rules.may_consent_for(PARENT, YOUTH_13, NOW)
    assert not rules.may_consent_for(CHILD_11, CHILD_11, NOW)
    assert not rules.may_consent_for(UNCLE, CHILD_11, NOW)


def test_parent_consent_lapses_on_the_childs_twelfth_birthday() -> None:
    c = consent(PARENT, [CHILD_11], start=NOW, until=LATER)
    day_before = brussels(2027, 3, 9, 23, 59)
    day_of = brussels(2027, 3, 10, 0, 0)
    assert rules.covers_member(c, CHILD_11, PARENT, day_before)
    assert not rules.covers_member(c, CHILD_11, PARENT, day_of)
    assert rules.coverage(c, CHILD_11, PARENT) == (NOW, brussels(2027, 3, 10))


def test_parent_consent_for_a_thirteen_year_old_covers_nothing() -> None:
    c = consent(PARENT, [YOUTH_13], start=NOW, until=LATER)
    assert rules.coverage(c, YOUTH_13, PARENT) is None
    assert not rules.covers(
        [c],
        MEMBERS,
        organisation=ORG_A,
        purpose="care_coordination",
        category="identity",
        member_ids=[YOUTH_13.id],
        at=NOW,
    )


# --- consent state -------------------------------------------------------------------------


def test_consent_states_at_the_edges() -> None:
    c = consent(PARENT, [PARENT], start=NOW, until=LATER)
    assert rules.consent_state(c, NOW - timedelta(seconds=1)) == "pending"
    assert rules.consent_state(c, NOW) == "active"
    assert rules.consent_state(c, LATER - timedelta(microseconds=1)) == "active"
    assert rules.consent_state(c, LATER) == "expired"
    withdrawn = consent(PARENT, [PARENT], start=NOW, until=LATER, withdrawn_at=NOW + timedelta(1))
    assert rules.consent_state(withdrawn, NOW + timedelta(hours=23)) == "active"
    assert rules.consent_state(withdrawn, NOW + timedelta(days=1)) == "withdrawn"
    assert rules.consent_end(withdrawn) == NOW + timedelta(days=1)


class PurposeAt(TypedDict):
    """The purpose and moment of a coverage question, shared by several questions."""

    purpose: str
    at: datetime


def test_coverage_needs_organisation_purpose_category_and_every_member() -> None:
    c1 = consent(PARENT, [PARENT, CHILD_11], start=NOW, until=LATER, categories=("identity",))
    c2 = consent(YOUTH_13, [YOUTH_13], start=NOW, until=LATER, categories=("case_notes",))
    base: PurposeAt = {"purpose": "care_coordination", "at": NOW + timedelta(days=1)}
    assert rules.covers(
        [c1], MEMBERS, organisation=ORG_A, category="identity", member_ids=[PARENT.id], **base
    )
    assert not rules.covers(
        [c1], MEMBERS, organisation=ORG_B, category="identity", member_ids=[PARENT.id], **base
    )
    assert not rules.covers(
        [c1], MEMBERS, organisation=ORG_A, category="health", member_ids=[PARENT.id], **base
    )
    assert not rules.covers(
        [c1],
        MEMBERS,
        organisation=ORG_A,
        category="identity",
        member_ids=[PARENT.id],
        purpose="case_meeting",
        at=NOW + timedelta(days=1),
    )
    # An entry about the parent and the youth needs both covered for its category.
    both = [PARENT.id, YOUTH_13.id]
    assert not rules.covers(
        [c1, c2], MEMBERS, organisation=ORG_A, category="case_notes", member_ids=both, **base
    )
    c3 = consent(PARENT, [PARENT], start=NOW, until=LATER, categories=("case_notes",))
    assert rules.covers(
        [c1, c2, c3], MEMBERS, organisation=ORG_A, category="case_notes", member_ids=both, **base
    )
    assert not rules.covers(
        [c1], MEMBERS, organisation=ORG_A, category="identity", member_ids=[], **base
    )


# --- closing and lead ----------------------------------------------------------------------


def test_effective_closing_time_is_the_end_of_the_last_valid_consent() -> None:
    short = consent(PARENT, [PARENT], start=NOW, until=NOW + timedelta(days=10))
    child = consent(PARENT, [CHILD_11], start=NOW, until=LATER)  # lapses 10 March 2027
    withdrawn = consent(
        YOUTH_13, [YOUTH_13], start=NOW, until=LATER, withdrawn_at=NOW + timedelta(days=20)
    )
    assert rules.effective_closing_time([short], MEMBERS) == NOW + timedelta(days=10)
    assert rules.effective_closing_time([short, child, withdrawn], MEMBERS) == brussels(2027, 3, 10)
    assert rules.effective_closing_time([], MEMBERS) is None
    invalid = consent(PARENT, [YOUTH_13], start=NOW, until=LATER)
    assert rules.effective_closing_time([invalid], MEMBERS) is None


def test_file_closes_by_itself_once_no_valid_consent_remains() -> None:
    c = consent(PARENT, [PARENT], start=NOW, until=NOW + timedelta(days=10))
    end = NOW + timedelta(days=10)
    assert rules.file_closed_at(None, [c], MEMBERS, NOW, end - timedelta(seconds=1)) is None
    assert rules.file_closed_at(None, [c], MEMBERS, NOW, end) == end
    # An explicit close stays, whatever consent says.
    assert rules.file_closed_at(NOW, [c], MEMBERS, NOW, NOW) == NOW


def test_lead_passes_to_the_first_participant_that_still_has_consent() -> None:
    to_a = consent(PARENT, [PARENT], start=NOW, until=LATER, recipients=(ORG_A,))
    to_bc = consent(PARENT, [PARENT], start=NOW, until=LATER, recipients=(ORG_B, ORG_C))
    only_c = consent(PARENT, [PARENT], start=NOW, until=LATER, recipients=(ORG_C,))
    order = [ORG_A, ORG_B, ORG_C]
    assert rules.next_lead(ORG_A, order, [to_a, to_bc], MEMBERS, NOW) == ORG_A
    assert rules.next_lead(ORG_A, order, [to_bc], MEMBERS, NOW) == ORG_B
    assert rules.next_lead(ORG_A, order, [only_c], MEMBERS, NOW) == ORG_C
    assert rules.next_lead(ORG_A, order, [], MEMBERS, NOW) is None


def test_expiry_reminder_is_due_thirty_days_before_the_end() -> None:
    c = consent(PARENT, [PARENT], start=NOW, until=LATER)
    assert not rules.expiry_reminder_due(c, LATER - timedelta(days=30, seconds=1))
    assert rules.expiry_reminder_due(c, LATER - timedelta(days=30))
    assert not rules.expiry_reminder_due(c, LATER)


# --- family view ---------------------------------------------------------------------------


def test_parent_sees_themselves_and_children_under_twelve_only() -> None:
    everyone = list(MEMBERS.values())
    visible = rules.family_visible_members(PARENT, everyone, NOW)
    assert visible == {PARENT.id, CHILD_11.id}
    assert rules.family_visible_members(YOUTH_13, everyone, NOW) == {YOUTH_13.id}
    assert rules.family_may_see_entry(visible, [CHILD_11.id], confidential=False)
    assert not rules.family_may_see_entry(visible, [CHILD_11.id], confidential=True)
    assert not rules.family_may_see_entry(visible, [PARENT.id, UNCLE.id], confidential=False)


def test_who_may_withdraw_a_consent() -> None:
    for_child = consent(PARENT, [CHILD_11], start=NOW, until=LATER)
    for_youth = consent(YOUTH_13, [YOUTH_13], start=NOW, until=LATER)
    assert rules.family_may_withdraw(PARENT, for_child, MEMBERS, NOW)
    assert rules.family_may_withdraw(YOUTH_13, for_youth, MEMBERS, NOW)
    assert not rules.family_may_withdraw(PARENT, for_youth, MEMBERS, NOW)
    assert not rules.family_may_withdraw(UNCLE, for_child, MEMBERS, NOW)
