"""A birth-date correction may not change who consents for a member: the rule, by table."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from zorgafstemming.coordination.rules import ConsentFacts, correction_shifts_capacity

NOW = datetime(2026, 6, 1, 10, tzinfo=UTC)
NOOR, MOTHER, OTHER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def _consent(giver: uuid.UUID, members: set[uuid.UUID], given_at: datetime) -> ConsentFacts:
    return ConsentFacts(
        id=uuid.uuid4(),
        given_by=giver,
        given_at=given_at,
        members=frozenset(members),
        recipients=frozenset({uuid.uuid4()}),
        purposes=frozenset({"care_coordination"}),
        categories=frozenset({"identity"}),
        valid_from=given_at,
        valid_until=given_at + timedelta(days=1000),
    )


# The mother consented for Noor when Noor (born 2012) was 11; Noor consents herself at 14.
MOTHERS = _consent(MOTHER, {MOTHER, NOOR}, datetime(2023, 9, 1, tzinfo=UTC))
NOORS = _consent(NOOR, {NOOR}, NOW - timedelta(days=10))
UNRELATED = _consent(OTHER, {OTHER}, datetime(2020, 1, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("member", "old", "new", "consents", "shifts"),
    [
        # 14 → 11 now: she would no longer consent for herself.
        (NOOR, date(2012, 3, 1), date(2015, 3, 1), [NOORS], True),
        # 11 → 12 now, with no consent at all: capacity still changes today.
        (NOOR, date(2015, 3, 1), date(2014, 3, 1), [], True),
        # Still 14 now, but 12 instead of 11 when her mother consented: that consent is void.
        (NOOR, date(2012, 3, 1), date(2011, 6, 1), [MOTHERS], True),
        # The same birth date moved across the mother's consent is allowed without it.
        (NOOR, date(2012, 3, 1), date(2011, 6, 1), [], False),
        # A few days either way, same side now and at every consent: allowed.
        (NOOR, date(2012, 3, 1), date(2012, 3, 11), [MOTHERS, NOORS], False),
        (NOOR, date(2012, 3, 1), date(2012, 2, 20), [MOTHERS, NOORS], False),
        # A consent that neither names nor is given by the member does not count.
        (NOOR, date(2012, 3, 1), date(2011, 6, 1), [UNRELATED], False),
        # A parent's birth date: an adult stays an adult at every moment.
        (MOTHER, date(1986, 1, 1), date(1990, 5, 5), [MOTHERS, NOORS], False),
        # ... unless the correction would make them a child when they gave their consent.
        (MOTHER, date(1986, 1, 1), date(2012, 5, 5), [MOTHERS], True),
    ],
)
def test_a_correction_may_not_move_a_member_across_their_12th_birthday(
    member: uuid.UUID,
    old: date,
    new: date,
    consents: list[ConsentFacts],
    shifts: bool,
) -> None:
    assert correction_shifts_capacity(member, old, new, consents, NOW) is shifts
