"""Request and response structures of the messages on a file (msgspec).

A message the caller's consent does not cover is listed as *withheld*: its category, author
organisation and time stay, its subject, body, members and attachments are absent (``UNSET``),
never blanked.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from zorgafstemming.coordination.schemas import MAX_MEMBERS, EntryBody, ShortLine, Word

Audience = Literal["partners", "family"]
MAX_ATTACHMENTS = 5
AttachmentIds = Annotated[list[uuid.UUID], Meta(max_length=MAX_ATTACHMENTS)]
About = Annotated[list[uuid.UUID], Meta(max_length=MAX_MEMBERS)]


class ThreadIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A new thread: who reads it, the members it concerns, its subject and first message
    (both of one data category), and attachments uploaded before."""

    audience: Audience
    category: Word
    about: Annotated[list[uuid.UUID], Meta(min_length=1, max_length=MAX_MEMBERS)]
    subject: ShortLine
    body: EntryBody
    attachments: AttachmentIds = []


class MessageIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A message in a thread: its category (the thread's by default), the members it is about
    (the thread's by default), the text and attachments uploaded before."""

    category: Word | None = None
    about: About = []
    body: EntryBody
    attachments: AttachmentIds = []


class FamilyMessageIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """The family's answer in a thread addressed to it (of the thread's category)."""

    body: EntryBody


class AttachmentView(Struct, kw_only=True):
    """An attachment: name its id in a message's ``attachments``; download it by id."""

    id: uuid.UUID
    media_type: str
    size: int
    sha256: str


class ThreadView(Struct, kw_only=True):
    """A thread on a file; ``subject`` is absent when it is withheld."""

    id: uuid.UUID
    file_id: uuid.UUID
    reference: str
    audience: Audience
    category: str
    withheld: bool
    subject: str | UnsetType = UNSET
    about: list[uuid.UUID] | UnsetType = UNSET
    created_by_organisation_id: uuid.UUID
    created_at: datetime
    last_message_at: datetime


class ThreadPage(Struct, kw_only=True):
    """A page of threads, oldest first (by id); pass ``next`` as ``after`` for the next page
    (null on the last)."""

    items: list[ThreadView]
    next: str | None
    withheld_categories: list[str]


class MessageView(Struct, kw_only=True):
    """A message; ``body``, ``about`` and ``attachments`` are absent when it is withheld.
    ``author``: ``partner`` (``author_organisation_id`` names it) or ``family``."""

    id: uuid.UUID
    thread_id: uuid.UUID
    category: str
    withheld: bool
    author: Literal["partner", "family"]
    author_organisation_id: uuid.UUID | None
    created_at: datetime
    body: str | UnsetType = UNSET
    about: list[uuid.UUID] | UnsetType = UNSET
    attachments: list[AttachmentView] | UnsetType = UNSET


class MessagePage(Struct, kw_only=True):
    """A page of a thread's messages, oldest first (by id), with the categories of those
    withheld, and the thread itself; pass ``next`` as ``after`` for the next page (null on the
    last)."""

    thread: ThreadView
    items: list[MessageView]
    next: str | None
    withheld_categories: list[str]
