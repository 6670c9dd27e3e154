"""What a mail looks like on the wire, and the folder of ``.eml`` files that stands in for an
SMTP server in development (``make run`` works offline; the log names each file written)."""

from __future__ import annotations

import asyncio
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.errors import MessageError
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol

from zorgafstemming.logging import get_logger
from zorgafstemming.mail.outbox import Message
from zorgafstemming.mail.rules import Failure

# The sender when ``settings.mail_from`` is empty (development only: production requires it).
DEVELOPMENT_SENDER = "zorgafstemming@localhost"

_log = get_logger("zorgafstemming.mail")


# What composing a message that cannot be a mail raises.
UNSENDABLE: tuple[type[Exception], ...] = (ValueError, UnicodeError, MessageError)


class DeliveryFailed(Exception):
    """An attempt did not deliver; ``failure`` says why and whether to try again."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.error)
        self.failure = failure


@dataclass(frozen=True)
class Outgoing:
    """One mail ready to hand over: the envelope and the message (no address in its repr)."""

    mail_id: uuid.UUID
    sender: str = field(repr=False)
    recipient: str = field(repr=False)
    # The message as it goes on the wire (RFC 5322, CRLF line ends).
    content: bytes = field(repr=False)


class Transport(Protocol):
    """Hands one mail over, or raises :class:`DeliveryFailed`."""

    async def deliver(self, outgoing: Outgoing) -> None: ...


def compose(message: Message, *, mail_id: uuid.UUID, mail_from: str, now: datetime) -> Outgoing:
    """The mail of ``message`` as plain UTF-8 text; ``ValueError`` (or another
    :data:`UNSENDABLE` error) when it cannot be a mail, e.g. a line break in the subject."""
    sender = mail_from or DEVELOPMENT_SENDER
    address = parseaddr(sender)[1] or DEVELOPMENT_SENDER
    domain = address.rpartition("@")[2] or "localhost"
    email = EmailMessage(policy=policy.SMTP)
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now)
    # The same id on every attempt, made from the outbox row: no host name, nothing personal.
    email["Message-ID"] = f"<{mail_id}@{domain}>"
    # RFC 3834: no out-of-office replies to a service mail.
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body, charset="utf-8")
    for attachment in message.attachments:
        # multipart/mixed: the text first, then each attachment.
        email.add_attachment(
            attachment.text,
            subtype=attachment.subtype,
            charset="utf-8",
            filename=attachment.filename,
            params=dict(attachment.params),
        )
    return Outgoing(
        mail_id=mail_id,
        sender=address,
        recipient=message.to,
        content=email.as_bytes(policy=policy.SMTP),
    )


def _write_private(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # also when it existed with a wider mode
    path = folder / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


class FileTransport:
    """Writes each mail as one ``.eml`` file (mode 0600 in a 0700 folder) and logs its path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def deliver(self, outgoing: Outgoing) -> None:
        """Write ``outgoing`` to ``<folder>/<mail id>.eml``."""
        try:
            path = await asyncio.to_thread(
                _write_private, self.folder, f"{outgoing.mail_id}.eml", outgoing.content
            )
        except OSError:
            raise DeliveryFailed(Failure("cannot-write-file", transient=True)) from None
        _log.info("mail_written", mail_id=str(outgoing.mail_id), path=str(path.resolve()))
