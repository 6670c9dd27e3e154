"""The family portal's consent rules, without a database: whom a member speaks for, what they
may withdraw, and how a consent stands for them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from zorgafstemming.coordination import family_rules
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts, MemberRole

NOW = datetime(2026, 6, 1, 10, tzinfo=UTC)


def _member(role: MemberRole, born: date) -> MemberFacts:
    return MemberFacts(id=uuid.uuid4(), role=role, birth_date=born)


MOTHER = _member(MemberRole.PARENT, date(1986, 1, 1))
FATHER = _member(MemberRole.PARENT, date(1984, 1, 1))
CHILD = _member(MemberRole.CHILD, date(2018, 1, 1))
YOUTH = _member(MemberRole.YOUTH, date(2012, 1, 1))
MEMBERS = {m.id: m for m in (MOTHER, FATHER, CHILD, YOUTH)}


def _consent(giver: MemberFacts, *covered: MemberFacts, **changes: object) -> ConsentFacts:
    values: dict[str, object] = {
        "id": uuid.uuid4(),
        "given_by": giver.id,
        "given_at": NOW - timedelta(days=1),
        "members": frozenset(m.id for m in covered),
        "recipients": frozenset({uuid.uuid4()}),
        "purposes": frozenset({"care_coordination"}),
        "categories": frozenset({"identity"}),
        "valid_from": NOW - timedelta(days=1),
        "valid_until": NOW + timedelta(days=300),
        **changes,
    }
    return ConsentFacts(**values)  # type: ignore[arg-type]


def test_a_member_speaks_for_themselves_and_a_parent_for_a_young_child_only() -> None:
    everyone = list(MEMBERS)
    assert family_rules.spoken_for(MOTHER, everyone, MEMBERS, NOW) == {MOTHER.id, CHILD.id}
    assert family_rules.spoken_for(YOUTH, everyone, MEMBERS, NOW) == {YOUTH.id}


def test_the_giver_withdraws_all_another_parent_only_the_part_they_speak_for() -> None:
    fathers = _consent(FATHER, FATHER, CHILD)
    assert family_rules.withdraw_scope(FATHER, fathers, MEMBERS, NOW) == (
        "all",
        frozenset({FATHER.id, CHILD.id}),
    )
    assert family_rules.withdraw_scope(MOTHER, fathers, MEMBERS, NOW) == (
        "own_part",
        frozenset({CHILD.id}),
    )
    assert family_rules.withdraw_scope(YOUTH, fathers, MEMBERS, NOW) is None


def test_the_state_for_the_family_puts_contest_and_withdrawal_first() -> None:
    pending = _consent(MOTHER, MOTHER, awaiting_confirmation=True)
    assert family_rules.family_state(
        pending, contested=False, own_part_withdrawn=False, at=NOW
    ) == ("awaiting_confirmation")
    withdrawn = _consent(MOTHER, MOTHER, withdrawn_at=NOW - timedelta(hours=1))
    assert family_rules.family_state(
        withdrawn, contested=True, own_part_withdrawn=False, at=NOW
    ) == ("contested")
    in_force = _consent(FATHER, FATHER, CHILD)
    assert family_rules.family_state(
        in_force, contested=False, own_part_withdrawn=True, at=NOW
    ) == ("withdrawn")
    assert family_rules.family_state(
        in_force, contested=False, own_part_withdrawn=False, at=NOW + timedelta(days=400)
    ) == ("expired")


def test_an_organisation_still_reaches_data_only_through_a_consent_in_force() -> None:
    org = uuid.uuid4()
    other = _consent(MOTHER, MOTHER, recipients=frozenset({org}))
    assert family_rules.still_reaches(org, [other], MEMBERS, {MOTHER.id}, NOW)
    assert not family_rules.still_reaches(org, [other], MEMBERS, {CHILD.id}, NOW)
    ended = _consent(MOTHER, MOTHER, recipients=frozenset({org}), withdrawn_at=NOW)
    assert not family_rules.still_reaches(org, [ended], MEMBERS, {MOTHER.id}, NOW)
