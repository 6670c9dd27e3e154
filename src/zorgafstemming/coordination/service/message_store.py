"""Reading and writing the rows of the messages on a file, for the partners' and the family's
use cases alike: threads, messages, the members they concern and their attachments, and the
notices a new message sends. No access decision is made here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.references import file_reference
from zorgafstemming.coordination.message_models import (
    Message,
    MessageAttachment,
    MessageMember,
    MessageThread,
    MessageThreadMember,
)
from zorgafstemming.coordination.message_rules import message_about
from zorgafstemming.coordination.message_schemas import AttachmentView, MessageView, ThreadView
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.notice_models import FamilyNotice
from zorgafstemming.coordination.service.checks import field_error
from zorgafstemming.coordination.service.family_notices import people_to_tell
from zorgafstemming.coordination.service.notifications import notify
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.db import new_id
from zorgafstemming.runtime import UnitOfWork

OBJECT_THREAD = "message_thread"
OBJECT_MESSAGE = "message"
OBJECT_THREAD_LIST = "thread_list"
# The kind of the staff notification and of the family's portal notice: no content at all.
NEW_MESSAGE = "message_new"


@dataclass(frozen=True)
class ThreadRow:
    """A thread's clear columns and the members it concerns (the subject stays encrypted)."""

    id: uuid.UUID
    file_id: uuid.UUID
    audience: str
    category: str
    subject_enc: bytes
    created_by_organisation_id: uuid.UUID
    created_at: datetime
    last_message_at: datetime
    concerned: list[uuid.UUID]


@dataclass(frozen=True)
class Author:
    """Who writes a message: a partner's worker, or a family account as a member."""

    account_id: uuid.UUID
    organisation_id: uuid.UUID | None = None
    member_id: uuid.UUID | None = None


def _thread_columns() -> tuple[Any, ...]:
    return (
        MessageThread.id,
        MessageThread.file_id,
        MessageThread.audience,
        MessageThread.category,
        MessageThread.subject_enc,
        MessageThread.created_by_organisation_id,
        MessageThread.created_at,
        MessageThread.last_message_at,
    )


async def _concerned(
    session: AsyncSession, thread_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    result: dict[uuid.UUID, list[uuid.UUID]] = {t: [] for t in thread_ids}
    if not thread_ids:
        return result
    rows = await session.execute(
        select(MessageThreadMember.thread_id, MessageThreadMember.member_id).where(
            MessageThreadMember.thread_id.in_(list(thread_ids))
        )
    )
    for row in rows:
        result[row.thread_id].append(row.member_id)
    return {t: sorted(m) for t, m in result.items()}


async def thread_rows(session: AsyncSession, stmt: Any) -> list[ThreadRow]:
    """The threads ``stmt`` (a select of the thread columns, see :func:`select_threads`)
    finds, each with the members it concerns."""
    rows = list((await session.execute(stmt)).all())
    concerned = await _concerned(session, [r.id for r in rows])
    return [ThreadRow(**r._asdict(), concerned=concerned[r.id]) for r in rows]


def select_threads() -> Any:
    """A select of the thread columns :func:`thread_rows` reads."""
    return select(*_thread_columns())


async def load_thread(
    session: AsyncSession, thread_id: uuid.UUID, file_id: uuid.UUID | None = None
) -> ThreadRow | None:
    """One thread (of ``file_id`` when given), or None."""
    stmt = select_threads().where(MessageThread.id == thread_id)
    if file_id is not None:
        stmt = stmt.where(MessageThread.file_id == file_id)
    found = await thread_rows(session, stmt)
    return found[0] if found else None


def thread_view(
    cipher: FieldCipher, key: DataKey, row: ThreadRow, reference: str, *, shown: bool
) -> ThreadView:
    """A thread as the caller sees it: with its subject, or withheld."""
    view = ThreadView(
        id=row.id,
        file_id=row.file_id,
        reference=reference,
        audience="family" if row.audience == "family" else "partners",
        category=row.category,
        withheld=not shown,
        created_by_organisation_id=row.created_by_organisation_id,
        created_at=row.created_at,
        last_message_at=row.last_message_at,
    )
    if shown:
        view.subject = cipher.decrypt(
            key, table="message_threads", column="subject_enc", row_id=row.id, blob=row.subject_enc
        )
        view.about = list(row.concerned)
    return view


async def known_members(session: AsyncSession, file_id: uuid.UUID) -> set[uuid.UUID]:
    """The members of the file whose membership has not ended (only they are written about)."""
    return set(
        await session.scalars(
            select(Member.id).where(Member.file_id == file_id, Member.ended_at.is_(None))
        )
    )


def unknown_member_errors(
    about: Sequence[uuid.UUID], known: set[uuid.UUID]
) -> list[dict[str, str]]:
    """An error per member named that is not a (current) member of the file."""
    return [
        field_error(f"about[{i}]", "no such member") for i, m in enumerate(about) if m not in known
    ]


async def unbound_attachments(
    session: AsyncSession,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID,
    wanted: Sequence[uuid.UUID],
) -> list[dict[str, str]]:
    """An error per attachment named that is not one the organisation uploaded to this file
    and no message carries yet (another's looks exactly like one that does not exist)."""
    if not wanted:
        return []
    errors = []
    if len(set(wanted)) != len(wanted):
        errors.append(field_error("attachments", "names an attachment twice"))
    found = set(
        await session.scalars(
            select(MessageAttachment.id).where(
                MessageAttachment.id.in_(list(wanted)),
                MessageAttachment.file_id == file_id,
                MessageAttachment.uploaded_by_organisation_id == organisation_id,
                MessageAttachment.message_id.is_(None),
            )
        )
    )
    errors += [
        field_error(f"attachments[{i}]", "names no attachment your organisation uploaded")
        for i, a in enumerate(wanted)
        if a not in found
    ]
    return errors


async def create_thread_row(
    uow: UnitOfWork,
    key: DataKey,
    file_id: uuid.UUID,
    author: Author,
    *,
    audience: str,
    category: str,
    subject: str,
    concerned: Sequence[uuid.UUID],
) -> uuid.UUID:
    """Insert a thread and the members it concerns; its id."""
    assert author.organisation_id is not None
    thread_id, now = new_id(), uow.runtime.clock()
    subject_enc = uow.runtime.cipher.encrypt(
        key, table="message_threads", column="subject_enc", row_id=thread_id, value=subject
    )
    await uow.session.execute(
        insert(MessageThread).values(
            id=thread_id,
            file_id=file_id,
            audience=audience,
            category=category,
            subject_enc=subject_enc,
            created_by_account_id=author.account_id,
            created_by_organisation_id=author.organisation_id,
            created_at=now,
            last_message_at=now,
        )
    )
    await uow.session.execute(
        insert(MessageThreadMember),
        [{"thread_id": thread_id, "member_id": m} for m in sorted(set(concerned))],
    )
    return thread_id


async def store_message(
    uow: UnitOfWork,
    key: DataKey,
    thread: ThreadRow,
    author: Author,
    *,
    category: str,
    about: Sequence[uuid.UUID],
    body: str,
    attachments: Sequence[uuid.UUID] = (),
) -> MessageView:
    """Insert a message in ``thread``, bind its attachments (checked by the caller) and move
    the thread's last-message time; the message as its author sees it."""
    message_id, now = new_id(), uow.runtime.clock()
    session = uow.session
    body_enc = uow.runtime.cipher.encrypt(
        key, table="messages", column="body_enc", row_id=message_id, value=body
    )
    await session.execute(
        insert(Message).values(
            id=message_id,
            file_id=thread.file_id,
            thread_id=thread.id,
            category=category,
            body_enc=body_enc,
            author_account_id=author.account_id,
            author_organisation_id=author.organisation_id,
            author_member_id=author.member_id,
            created_at=now,
        )
    )
    if about:
        await session.execute(
            insert(MessageMember), [{"message_id": message_id, "member_id": m} for m in about]
        )
    if attachments:
        await session.execute(
            update(MessageAttachment)
            .where(MessageAttachment.id.in_(list(attachments)))
            .values(message_id=message_id)
        )
    await session.execute(
        update(MessageThread).where(MessageThread.id == thread.id).values(last_message_at=now)
    )
    views = await attachment_views(session, [message_id])
    return MessageView(
        id=message_id,
        thread_id=thread.id,
        category=category,
        withheld=False,
        author="family" if author.organisation_id is None else "partner",
        author_organisation_id=author.organisation_id,
        created_at=now,
        body=body,
        about=message_about(about, thread.concerned),
        attachments=views.get(message_id, []),
    )


async def message_rows(
    session: AsyncSession, thread_id: uuid.UUID, *, after: uuid.UUID | None, limit: int | None
) -> tuple[list[Any], dict[uuid.UUID, list[uuid.UUID]]]:
    """A thread's messages by id (``limit`` of them after ``after`` when given), with the
    members each names."""
    stmt = (
        select(
            Message.id,
            Message.thread_id,
            Message.category,
            Message.body_enc,
            Message.author_organisation_id,
            Message.created_at,
        )
        .where(Message.thread_id == thread_id)
        .order_by(Message.id)
    )
    if after is not None:
        stmt = stmt.where(Message.id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list((await session.execute(stmt)).all())
    about: dict[uuid.UUID, list[uuid.UUID]] = {}
    if rows:
        found = await session.execute(
            select(MessageMember.message_id, MessageMember.member_id).where(
                MessageMember.message_id.in_([r.id for r in rows])
            )
        )
        for r in found:
            about.setdefault(r.message_id, []).append(r.member_id)
    return rows, about


async def attachment_views(
    session: AsyncSession, message_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[AttachmentView]]:
    """The attachments each message carries, by id."""
    ids = list(message_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(
            MessageAttachment.id,
            MessageAttachment.message_id,
            MessageAttachment.media_type,
            MessageAttachment.size,
            MessageAttachment.sha256,
        )
        .where(MessageAttachment.message_id.in_(ids))
        .order_by(MessageAttachment.id)
    )
    result: dict[uuid.UUID, list[AttachmentView]] = {}
    for r in rows:
        result.setdefault(r.message_id, []).append(
            AttachmentView(id=r.id, media_type=r.media_type, size=r.size, sha256=r.sha256)
        )
    return result


def message_view(
    cipher: FieldCipher,
    key: DataKey,
    row: Any,
    about: list[uuid.UUID],
    attachments: list[AttachmentView],
    *,
    shown: bool,
) -> MessageView:
    """A message as the caller sees it: whole, or withheld (category, author and time only)."""
    view = MessageView(
        id=row.id,
        thread_id=row.thread_id,
        category=row.category,
        withheld=not shown,
        author="family" if row.author_organisation_id is None else "partner",
        author_organisation_id=row.author_organisation_id,
        created_at=row.created_at,
    )
    if shown:
        view.body = cipher.decrypt(
            key, table="messages", column="body_enc", row_id=row.id, blob=row.body_enc
        )
        view.about = about
        view.attachments = attachments
    return view


async def tell_of_message(
    uow: UnitOfWork,
    key: DataKey,
    thread: ThreadRow,
    organisations: Iterable[uuid.UUID],
    *,
    family: bool,
    actor_organisation_id: uuid.UUID | None,
) -> None:
    """Tell the other side of a new message, without any content: the partners ``organisations``
    by a staff notification, and, when ``family``, the family accounts of the members the thread
    concerns (each of 12 or older, the representatives of a child under 12) by a portal
    notice."""
    now = uow.runtime.clock()
    await notify(uow.session, now, thread.file_id, organisations, NEW_MESSAGE)
    if not family:
        return
    told = await people_to_tell(uow, thread.file_id, key, thread.concerned)
    if told:
        await uow.session.execute(
            insert(FamilyNotice),
            [
                {
                    "id": new_id(),
                    "file_id": thread.file_id,
                    "member_id": member_id,
                    "kind": NEW_MESSAGE,
                    "consent_id": None,
                    "actor_organisation_id": actor_organisation_id,
                    "created_at": now,
                }
                for member_id in sorted(told)
            ],
        )


def reference_of(uow: UnitOfWork, file_id: uuid.UUID) -> str:
    """The file's short reference (the one the family and the partners quote)."""
    return file_reference(uow.runtime.secrets.audit_key, file_id)
