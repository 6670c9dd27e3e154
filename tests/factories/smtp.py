"""SMTP servers in the test process, for the mail sender's tests.

``SmtpServer`` runs aiosmtpd's ``Controller`` (its own thread) on a free port of 127.0.0.1. It
requires STARTTLS and a sign-in, presents a throwaway self-signed certificate (``ca_file`` is the
file the client must trust, through ``settings.smtp_ca_file``), and keeps every message it accepts.
It can be stopped and started again on the same port, or told to answer the content with a reply
code. ``HangingServer`` accepts connections and never says a word.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from zorgafstemming.config import Settings

HOST = "127.0.0.1"
USERNAME = "zorg-relay"
PASSWORD = "relay-wachtwoord-4471"
MAIL_FROM = "Zorgafstemming <noreply@zorg.example.be>"


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A fresh key and a self-signed certificate for 127.0.0.1 and localhost (cert, key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "zorgafstemming test relay")])
    now = datetime.now(UTC)
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_file, key_file = folder / "relay.crt", folder / "relay.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@dataclass(frozen=True)
class Received:
    """One message the server accepted: its envelope, whether it came over TLS, the message."""

    mail_from: str
    rcpt_tos: list[str]
    over_tls: bool
    message: EmailMessage


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, smtp: SMTP, session: Session, envelope: Envelope) -> str:
        if self.server.reply is not None:
            return self.server.reply
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        self.server.received.append(
            Received(
                envelope.mail_from or "",
                list(envelope.rcpt_tos),
                session.ssl is not None,
                message,
            )
        )
        return "250 2.0.0 Message accepted for delivery"


def _authenticate(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login == USERNAME.encode() and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok)


@dataclass
class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 requiring STARTTLS and sign-in (see the module doc)."""

    folder: Path
    starttls: bool = True
    port: int = field(default_factory=free_port)
    received: list[Received] = field(default_factory=list)
    # A reply such as "550 5.1.1 ..." to answer the content with instead of accepting it.
    reply: str | None = None
    _controller: Controller | None = None

    def __post_init__(self) -> None:
        self.cert_file, self.key_file = self_signed_certificate(self.folder)

    @property
    def ca_file(self) -> Path:
        """The certificate the client must trust (it is its own CA)."""
        return self.cert_file

    @property
    def url(self) -> str:
        return f"smtp://{USERNAME}:{PASSWORD}@{HOST}:{self.port}"

    def settings(self, base: Settings) -> Settings:
        """``base`` pointed at this server, trusting its certificate."""
        return replace(base, smtp_url=self.url, smtp_ca_file=self.ca_file, mail_from=MAIL_FROM)

    def start(self) -> None:
        """Listen (again) on ``port``."""
        kwargs: dict[str, Any] = {}
        if self.starttls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self.cert_file, self.key_file)
            kwargs = {
                "tls_context": context,
                "require_starttls": True,
                "auth_required": True,
                "authenticator": _authenticate,
            }
        self._controller = Controller(
            _Handler(self), hostname=HOST, port=self.port, server_hostname="relay.test", **kwargs
        )
        self._controller.start()

    def stop(self) -> None:
        """Stop listening; connections are refused until :meth:`start`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@dataclass
class HangingServer:
    """Accepts TCP connections and never answers (an SMTP server that hangs)."""

    server: asyncio.Server
    connected: asyncio.Event
    writers: list[asyncio.StreamWriter]

    @property
    def port(self) -> int:
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    def close(self) -> None:
        """Stop listening and drop every connection it holds (further connects are refused)."""
        self.server.close()
        for writer in self.writers:
            writer.close()


@asynccontextmanager
async def hanging_server() -> AsyncIterator[HangingServer]:
    """A :class:`HangingServer` in this event loop, closed on exit."""
    connected = asyncio.Event()
    writers: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        connected.set()

    hanging = HangingServer(await asyncio.start_server(hold, HOST, 0), connected, writers)
    try:
        yield hanging
    finally:
        hanging.close()
        await hanging.server.wait_closed()
