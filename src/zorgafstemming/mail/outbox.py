"""Putting a mail in the outbox, in the caller's unit of work.

A mail exists only if the change that causes it commits, and a request never waits on SMTP: the
sender (``mail.sender``) delivers it afterwards. Mails carry no case content — a short Dutch
text and a link built from ``settings.public_base_url``.
"""

from __future__ import annotations

import uuid
from typing import Literal

import msgspec

from zorgafstemming.crypto.fields import ACCOUNTS_OWNER
from zorgafstemming.db import new_id
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.runtime import Runtime, UnitOfWork

# What a mail is for; stored in clear, so never anything about the person or the case.
MailKind = Literal[
    "activation",
    "email-verification",
    "account-reset",
    "account-change",
    "new-device",
    "link-request",
    "emergency-access",
    "objection-raised",
    "access-review",
    "task-digest",
    "meeting-invitation",
    "meeting-cancellation",
]


class Attachment(msgspec.Struct, frozen=True):
    """A text attachment of a mail, e.g. a calendar invitation (``text/calendar``)."""

    filename: str
    subtype: str
    text: str
    # Parameters of its Content-Type, e.g. ``{"method": "REQUEST"}`` for an invitation.
    params: dict[str, str] = {}


class Message(msgspec.Struct, frozen=True):
    """One mail as it is sent (stored encrypted as JSON until then); a message stored before
    attachments existed reads as one without."""

    to: str
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()


def link(runtime: Runtime, path: str) -> str:
    """An absolute link to ``path`` on the configured public base URL (never the Host header)."""
    return runtime.settings.public_base_url.rstrip("/") + "/" + path.lstrip("/")


async def enqueue(
    uow: UnitOfWork,
    *,
    kind: MailKind,
    message: Message,
    account_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """Queue ``message`` for delivery when this unit of work commits; returns the mail's id."""
    runtime = uow.runtime
    mail_id = new_id()
    key = await runtime.cipher.key_for(uow.session, *ACCOUNTS_OWNER)
    plain = msgspec.json.encode(message).decode()
    now = runtime.clock()
    uow.session.add(
        OutboundMail(
            id=mail_id,
            kind=kind,
            account_id=account_id,
            message_enc=runtime.cipher.encrypt(
                key, table="outbound_mail", column="message", row_id=mail_id, value=plain
            ),
            status="queued",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )
    await uow.session.flush()
    return mail_id


async def read_message(uow: UnitOfWork, mail_id: uuid.UUID, blob: bytes) -> Message:
    """The decrypted message of one outbox row."""
    runtime = uow.runtime
    key = await runtime.cipher.key_for(uow.session, *ACCOUNTS_OWNER)
    plain = runtime.cipher.decrypt(
        key, table="outbound_mail", column="message", row_id=mail_id, blob=blob
    )
    return msgspec.json.decode(plain, type=Message)
