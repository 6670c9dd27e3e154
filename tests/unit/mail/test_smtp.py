"""The SMTP URL and the failure classes: TLS required, secrets never echoed, replies classed."""

from __future__ import annotations

import aiosmtplib
import pytest

from zorgafstemming.config import ConfigError
from zorgafstemming.mail.smtp import SmtpTarget, classify, parse_smtp_url


def test_smtp_means_starttls_on_587_with_the_url_decoded_sign_in() -> None:
    target = parse_smtp_url("smtp://relay%40zorg:p%40ss%2Fw0rd@mail.example.be", production=True)
    assert target == SmtpTarget("mail.example.be", 587, "starttls", "relay@zorg", "p@ss/w0rd")
    assert "p@ss" not in repr(target)


def test_smtps_is_tls_from_the_start_and_the_port_may_be_given() -> None:
    assert parse_smtp_url("smtps://mail.example.be", production=True).port == 465
    assert parse_smtp_url("smtp://mail.example.be:2525", production=True).port == 2525


def test_clear_text_is_for_development_only() -> None:
    target = parse_smtp_url("smtp+insecure://127.0.0.1:1025", production=False)
    assert (target.security, target.port) == ("none", 1025)
    with pytest.raises(ConfigError, match="production"):
        parse_smtp_url("smtp+insecure://127.0.0.1:1025", production=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://user:geheim-3391@mail.example.be",
        "smtp://user:geheim-3391@mail.example.be:port",
        "smtp://user:geheim-3391@/",
        "smtp://user:geheim-3391@mail.example.be/inbox",
    ],
)
def test_an_unusable_url_is_refused_without_echoing_it(url: str) -> None:
    with pytest.raises(ConfigError) as refused:
        parse_smtp_url(url, production=False)
    assert "geheim" not in str(refused.value)


@pytest.mark.parametrize(
    ("exc", "phase", "error", "transient", "ambiguous"),
    [
        (
            aiosmtplib.SMTPRecipientRefused(550, "no <x@y.be>", "x@y.be"),
            "envelope",
            "smtp-5xx",
            False,
            False,
        ),
        (
            aiosmtplib.SMTPRecipientRefused(450, "busy <x@y.be>", "x@y.be"),
            "envelope",
            "smtp-4xx",
            True,
            False,
        ),
        (aiosmtplib.SMTPDataError(554, "spam"), "data", "smtp-5xx", False, False),
        (
            aiosmtplib.SMTPConnectResponseError(554, "no service"),
            "connect",
            "smtp-5xx",
            True,
            False,
        ),
        (aiosmtplib.SMTPAuthenticationError(535, "bad"), "connect", "auth-failed", True, False),
        (aiosmtplib.SMTPServerDisconnected("gone"), "envelope", "disconnected", True, False),
        (aiosmtplib.SMTPReadTimeoutError("slow"), "envelope", "timeout", True, False),
        (aiosmtplib.SMTPServerDisconnected("gone"), "data", "no-reply-to-data", False, True),
        (aiosmtplib.SMTPReadTimeoutError("slow"), "data", "no-reply-to-data", False, True),
        (
            aiosmtplib.SMTPException("SMTP STARTTLS extension not supported by server."),
            "connect",
            "starttls-unavailable",
            True,
            False,
        ),
    ],
)
def test_failures_are_classed_by_reply_and_phase(
    exc: Exception, phase: str, error: str, transient: bool, ambiguous: bool
) -> None:
    failure = classify(exc, phase)  # type: ignore[arg-type]
    assert (failure.error, failure.transient, failure.ambiguous) == (error, transient, ambiguous)


def test_a_refused_connection_is_named_as_such() -> None:
    exc = aiosmtplib.SMTPConnectError("cannot connect")
    exc.__cause__ = ConnectionRefusedError(111, "refused")  # as aiosmtplib raises it
    assert classify(exc, "connect").error == "connection-refused"
