"""What becomes of a mail after a failed attempt: waits that grow, a last try, never twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from zorgafstemming.mail import rules

NOW = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
REFUSED = rules.Failure("connection-refused", transient=True)


def test_the_wait_doubles_from_a_minute_to_at_most_an_hour() -> None:
    minutes = [rules.retry_delay(n) / timedelta(minutes=1) for n in range(1, 11)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60]


def test_a_transient_failure_waits_for_its_next_attempt() -> None:
    outcome = rules.after_failure(REFUSED, attempts=3, now=NOW)
    assert outcome == rules.Outcome("queued", "connection-refused", NOW + timedelta(minutes=4))
    assert not outcome.erases_content


def test_the_last_attempt_fails_the_mail_and_erases_it() -> None:
    outcome = rules.after_failure(REFUSED, attempts=rules.MAX_ATTEMPTS, now=NOW)
    assert (outcome.status, outcome.next_attempt_at, outcome.erases_content) == (
        "failed",
        None,
        True,
    )


def test_a_permanent_refusal_fails_at_once() -> None:
    refused = rules.Failure("smtp-5xx", transient=False)
    assert rules.after_failure(refused, attempts=1, now=NOW).status == "failed"


def test_an_ambiguous_end_is_unknown_and_never_retried() -> None:
    cut = rules.Failure("no-reply-to-data", transient=False, ambiguous=True)
    outcome = rules.after_failure(cut, attempts=1, now=NOW)
    assert (outcome.status, outcome.erases_content) == ("unknown", True)
