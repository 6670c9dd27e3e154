"""Response bodies of the mail API (msgspec; never ORM rows): delivery state, never content."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class MailOut(msgspec.Struct):
    """One mail as the administrator sees it: what it was for and how delivery went; no
    recipient, subject or text."""

    id: uuid.UUID
    kind: str
    status: str
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    last_error: str | None


class MailPage(msgspec.Struct):
    """A page of mails, newest first by (created_at, id); pass ``next`` as ``after`` for the
    next page (null on the last)."""

    items: list[MailOut]
    next: str | None
