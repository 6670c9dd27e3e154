"""The daily task mail's lines: counts per kind in a fixed order, a kind added later (a new
task source) counted under "andere taken" rather than left out."""

from __future__ import annotations

from zorgafstemming.coordination.service.digest import OTHER_LABEL, digest_lines


def test_the_mail_counts_every_task_even_of_a_kind_it_does_not_know() -> None:
    lines = digest_lines(["referral", "plan_action", "visit", "plan_action"])
    assert lines == [
        (2, "acties uit een gezinsplan"),
        (1, "verwijzingen naar uw organisatie"),
        (1, OTHER_LABEL),
    ]
    assert digest_lines([]) == []
