"""Delivery over SMTP with ``aiosmtplib``: the server URL, one connection per mail, and the
failure classes the sender records.

``smtp://user:password@host:587`` upgrades with STARTTLS and refuses to go on without it;
``smtps://host:465`` speaks TLS from the start. The server certificate is always verified (against
``settings.smtp_ca_file`` when set, else the system's CAs). ``smtp+insecure://host:1025`` sends in
clear, for a local catch-all server in development; production refuses it.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote, urlsplit

import aiosmtplib

from zorgafstemming.config import ConfigError, Settings
from zorgafstemming.mail.rules import Failure
from zorgafstemming.mail.transport import DeliveryFailed, Outgoing

Security = Literal["starttls", "tls", "none"]
# Seconds each step (connect, a command and its reply, the content) may take.
TIMEOUT_SECONDS = 30.0
_SCHEMES: dict[str, tuple[Security, int]] = {
    "smtp": ("starttls", 587),
    "smtps": ("tls", 465),
    "smtp+insecure": ("none", 25),
}
# Where in the exchange a failure happened; it decides what the failure means.
Phase = Literal["connect", "envelope", "data"]


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to reach the SMTP server (the password never appears in a repr)."""

    host: str
    port: int
    security: Security
    username: str | None = None
    password: str | None = field(default=None, repr=False)


def parse_smtp_url(url: str, *, production: bool) -> SmtpTarget:
    """The server named by ``url``; :class:`ConfigError` (naming no secret) when it is unusable."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise ConfigError("ZORG_SMTP_URL: use smtp:// (STARTTLS), smtps:// or smtp+insecure://")
    security, default_port = _SCHEMES[scheme]
    if security == "none" and production:
        raise ConfigError("ZORG_SMTP_URL: smtp+insecure:// sends in clear; production refuses it")
    try:
        port = parts.port or default_port
    except ValueError:
        raise ConfigError("ZORG_SMTP_URL: the port is not a number") from None
    if not parts.hostname or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError("ZORG_SMTP_URL: expected scheme://[user:password@]host[:port]")
    return SmtpTarget(
        host=parts.hostname,
        port=port,
        security=security,
        username=unquote(parts.username) if parts.username is not None else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def tls_context(settings: Settings) -> ssl.SSLContext:
    """A verifying TLS context: only ``settings.smtp_ca_file`` when set, else the system's CAs."""
    if settings.smtp_ca_file is None:
        return ssl.create_default_context()
    try:
        return ssl.create_default_context(cafile=str(settings.smtp_ca_file))
    except (OSError, ssl.SSLError):
        raise ConfigError("ZORG_SMTP_CA_FILE: cannot read a CA certificate from it") from None


def _reply_class(code: int) -> str:
    return "smtp-5xx" if 500 <= code < 600 else "smtp-4xx" if 400 <= code < 500 else "smtp-reply"


def _caused_by(
    exc: BaseException, kinds: type[BaseException] | tuple[type[BaseException], ...]
) -> bool:
    # aiosmtplib wraps the socket's error (refused, TLS) in its own connect error.
    return isinstance(exc, kinds) or isinstance(exc.__cause__, kinds)


def classify(exc: BaseException, phase: Phase) -> Failure:
    """The failure class of ``exc`` raised in ``phase`` (never the server's text).

    Before the envelope (connect, TLS, sign-in) every failure is the server's or the settings',
    not the mail's: it is retried. A 5xx reply to the envelope or the content is final. A lost
    connection or a timeout while the content was on its way is ambiguous: the server may have
    taken the mail, so it is not sent again.
    """
    if isinstance(exc, aiosmtplib.SMTPAuthenticationError):
        return Failure("auth-failed", transient=True)
    if isinstance(exc, aiosmtplib.SMTPResponseException):
        permanent = phase != "connect" and 500 <= exc.code < 600
        return Failure(_reply_class(exc.code), transient=not permanent)
    if phase == "data" and isinstance(exc, OSError):  # disconnects and timeouts are OSErrors
        return Failure("no-reply-to-data", transient=False, ambiguous=True)
    if isinstance(exc, aiosmtplib.SMTPNotSupported):
        # The server cannot take this address as given (e.g. an international address).
        return Failure("not-supported", transient=phase == "connect")
    if _caused_by(exc, ConnectionRefusedError):
        return Failure("connection-refused", transient=True)
    if _caused_by(exc, ssl.SSLError):
        return Failure("tls-failed", transient=True)
    if _caused_by(exc, TimeoutError):
        return Failure("timeout", transient=True)
    if _caused_by(exc, aiosmtplib.SMTPServerDisconnected):
        return Failure("disconnected", transient=True)
    if isinstance(exc, OSError):
        return Failure("network-error", transient=True)
    if isinstance(exc, aiosmtplib.SMTPException) and "STARTTLS" in exc.message:
        # Never downgraded to clear text: the mail waits until the server offers STARTTLS.
        return Failure("starttls-unavailable", transient=True)
    return Failure("smtp-error", transient=True)


class SmtpTransport:
    """Delivers each mail on a connection of its own, TLS required (see the module doc)."""

    def __init__(self, target: SmtpTarget, context: ssl.SSLContext | None) -> None:
        self.target = target
        self.context = context

    def _client(self) -> aiosmtplib.SMTP:
        target = self.target
        return aiosmtplib.SMTP(
            hostname=target.host,
            port=target.port,
            username=target.username,
            password=target.password,
            use_tls=target.security == "tls",
            start_tls=target.security == "starttls",
            tls_context=self.context if target.security != "none" else None,
            timeout=TIMEOUT_SECONDS,
        )

    async def deliver(self, outgoing: Outgoing) -> None:
        """Send ``outgoing``; :class:`DeliveryFailed` with the failure class when not taken."""
        client = self._client()
        phase: Phase = "connect"
        try:
            await client.connect()
            phase = "envelope"
            await client.mail(outgoing.sender)
            await client.rcpt(outgoing.recipient)
            phase = "data"
            await client.data(outgoing.content)
        except (aiosmtplib.SMTPException, OSError) as exc:
            client.close()
            raise DeliveryFailed(classify(exc, phase)) from None
        try:
            await client.quit()
        except (aiosmtplib.SMTPException, OSError):
            client.close()  # the server took the mail already; only the goodbye failed
