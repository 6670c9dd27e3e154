"""The pure rules of messages: whom a message is about, what a partner and a family member
see of a thread."""

from __future__ import annotations

import uuid

from zorgafstemming.coordination import message_rules as r

PARENT, CHILD, YOUTH = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def test_a_message_naming_nobody_is_about_the_members_its_thread_concerns() -> None:
    assert r.message_about([], [CHILD, PARENT]) == sorted([PARENT, CHILD])
    assert r.message_about([YOUTH], [PARENT]) == [YOUTH]


def test_a_partner_sees_a_category_only_for_every_member_it_is_about() -> None:
    covered = {PARENT: frozenset({"case_notes"}), CHILD: frozenset({"case_notes", "health"})}
    assert r.partner_sees(covered, "case_notes", [PARENT, CHILD])
    assert not r.partner_sees(covered, "health", [PARENT, CHILD])
    assert r.partner_sees(covered, "health", [CHILD])
    assert not r.partner_sees(covered, "case_notes", [YOUTH])
    assert not r.partner_sees(covered, "case_notes", [])


def test_the_family_reads_only_family_threads_about_someone_it_may_see() -> None:
    visible = frozenset({PARENT, CHILD})
    assert r.family_reads_thread("family", [CHILD], visible)
    assert not r.family_reads_thread("partners", [PARENT], visible)
    assert not r.family_reads_thread("family", [YOUTH], visible)


def test_a_family_thread_message_stays_within_the_members_it_concerns() -> None:
    assert r.outside_audience("family", [PARENT], [PARENT, YOUTH]) == [YOUTH]
    assert r.outside_audience("family", [PARENT], []) == []
    assert r.outside_audience("partners", [PARENT], [YOUTH]) == []
