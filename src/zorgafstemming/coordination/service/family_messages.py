"""Messages in the family portal: the threads addressed to the family that concern the signed-in
member (or a child under 12 they represent), their messages, and the family's answer.

A family member reads and answers only threads addressed to the family (audience ``family``)
about members they may see (:func:`rules.family_visible_members`); every other thread answers
404 exactly like one that does not exist. A closed file is read-only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import message_rules, rules
from zorgafstemming.coordination.message_models import MessageThread, MessageThreadMember
from zorgafstemming.coordination.message_schemas import (
    FamilyMessageIn,
    MessagePage,
    MessageView,
    ThreadPage,
    ThreadView,
)
from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.service.errors import FileClosed
from zorgafstemming.coordination.service.facts import FILE_OWNER, load_facts
from zorgafstemming.coordination.service.family import member_gate, memberships
from zorgafstemming.coordination.service.family_consent_views import file_members
from zorgafstemming.coordination.service.gate import Gate, taking_part
from zorgafstemming.coordination.service.message_store import (
    OBJECT_THREAD,
    OBJECT_THREAD_LIST,
    Author,
    ThreadRow,
    attachment_views,
    load_thread,
    message_rows,
    message_view,
    reference_of,
    select_threads,
    store_message,
    tell_of_message,
    thread_rows,
    thread_view,
)
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork


def _no_thread() -> NotFoundError:
    return NotFoundError("No such thread.")


async def _visible(uow: UnitOfWork, membership: Any, key: DataKey) -> frozenset[uuid.UUID]:
    """The members whose data the family member of ``membership`` sees in that file."""
    members = await file_members(uow, membership.file_id, key)
    now = uow.runtime.clock()
    return rules.family_visible_members(members[membership.id], members.values(), now)


@dataclass(frozen=True)
class FamilyThread:
    """A thread the family member reads, with the file's key and their membership."""

    thread: ThreadRow
    membership: Any
    key: DataKey
    gate: Gate


async def _family_thread(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, action: Action, thread_id: uuid.UUID
) -> FamilyThread:
    """The thread if the caller reads it; otherwise the denial recorded and 404."""
    thread = await load_thread(uow.session, thread_id)
    file_id = thread.file_id if thread is not None else None
    gate, mine = await member_gate(uow, principal, ctx, action, file_id, subject=thread_id)
    gate.object_type, gate.object_id = OBJECT_THREAD, thread_id
    if thread is None or not mine or not gate.allowed:
        await gate.refuse(_no_thread())
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, thread.file_id)
    visible = await _visible(uow, mine[0], key)
    if not message_rules.family_reads_thread(thread.audience, thread.concerned, visible):
        await gate.refuse(_no_thread())
    return FamilyThread(thread, mine[0], key, gate)


async def _threads_of(uow: UnitOfWork, account_id: uuid.UUID) -> dict[uuid.UUID, Any]:
    """Per file the account belongs to, the members it sees there and the file's key."""
    result: dict[uuid.UUID, Any] = {}
    for membership in await memberships(uow, account_id):
        key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, membership.file_id)
        result[membership.file_id] = (await _visible(uow, membership, key), key)
    return result


async def family_threads(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> ThreadPage:
    """The threads addressed to the family that concern the caller or a child under 12 they
    represent, in all their files, oldest first (by id), ``limit`` after the cursor ``after``."""
    position = read_after_id(after)
    files = await _threads_of(uow, principal.account_id)
    visible_anywhere = [m for visible, _key in files.values() for m in visible]
    stmt = (
        select_threads()
        .where(
            MessageThread.audience == "family",
            MessageThread.file_id.in_(list(files)),
            MessageThread.id.in_(
                select(MessageThreadMember.thread_id).where(
                    MessageThreadMember.member_id.in_(visible_anywhere)
                )
            ),
        )
        .order_by(MessageThread.id)
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(MessageThread.id > position)
    fetched = await thread_rows(uow.session, stmt)
    rows, next_cursor = one_id_page(fetched, limit, lambda r: r.id)
    items = [
        thread_view(
            uow.runtime.cipher,
            files[r.file_id][1],
            r,
            reference_of(uow, r.file_id),
            shown=True,
        )
        for r in rows
    ]
    await record(
        uow,
        ctx,
        Action.FAMILY_THREAD_LIST,
        "allowed",
        object_type=OBJECT_THREAD_LIST,
        categories={r.category for r in rows},
    )
    return ThreadPage(items=items, next=next_cursor, withheld_categories=[])


async def _messages(
    uow: UnitOfWork,
    thread: ThreadRow,
    key: DataKey,
    *,
    after: uuid.UUID | None,
    limit: int | None,
) -> tuple[list[MessageView], str | None]:
    """The thread's messages by id (``limit`` after ``after``, or all), and the next cursor."""
    fetched, about = await message_rows(
        uow.session, thread.id, after=after, limit=None if limit is None else limit + 1
    )
    if limit is None:
        rows, next_cursor = fetched, None
    else:
        rows, next_cursor = one_id_page(fetched, limit, lambda r: r.id)
    attachments = await attachment_views(uow.session, [r.id for r in rows])
    items = [
        message_view(
            uow.runtime.cipher,
            key,
            r,
            message_rules.message_about(about.get(r.id, []), thread.concerned),
            attachments.get(r.id, []),
            shown=True,
        )
        for r in rows
    ]
    return items, next_cursor


async def family_messages(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    thread_id: uuid.UUID,
    *,
    limit: int,
    after: str | None = None,
) -> MessagePage:
    """A thread addressed to the family, with its messages oldest first (by id); other
    threads answer 404. One audit event for the read."""
    position = read_after_id(after)
    found = await _family_thread(uow, principal, ctx, Action.FAMILY_MESSAGE_LIST, thread_id)
    items, next_cursor = await _messages(uow, found.thread, found.key, after=position, limit=limit)
    thread = found.thread
    await found.gate.allow(categories={thread.category} | {m.category for m in items})
    view = thread_view(
        uow.runtime.cipher, found.key, thread, reference_of(uow, thread.file_id), shown=True
    )
    return MessagePage(thread=view, items=items, next=next_cursor, withheld_categories=[])


async def family_reply(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    thread_id: uuid.UUID,
    data: FamilyMessageIn,
) -> MessageView:
    """The family's answer in a thread addressed to it (of the thread's category, about the
    members it concerns); the partners taking part are told. A closed file answers 409."""
    found = await _family_thread(uow, principal, ctx, Action.FAMILY_MESSAGE_CREATE, thread_id)
    thread, gate = found.thread, found.gate
    if found.membership.status != "open":
        await gate.refuse(FileClosed("The file is closed; no new messages."))
    view = await store_message(
        uow,
        found.key,
        thread,
        Author(principal.account_id, member_id=found.membership.id),
        category=thread.category,
        about=[],
        body=data.body,
    )
    facts = await load_facts(uow.session, uow.runtime.cipher, thread.file_id, None)
    partners = await taking_part(uow.session, facts, uow.runtime.clock()) if facts else []
    await tell_of_message(
        uow, found.key, thread, partners, family=False, actor_organisation_id=None
    )
    await gate.allow(categories=[thread.category])
    return view


@dataclass(frozen=True)
class FamilyThreadExport:
    """A thread the family member may see, with all of its messages."""

    thread: ThreadView
    messages: Sequence[MessageView]


async def messages_for_family_export(
    uow: UnitOfWork, principal: Principal, file_id: uuid.UUID
) -> list[FamilyThreadExport]:
    """Every thread of ``file_id`` the signed-in family member may see (addressed to the family,
    concerning them or a child under 12 they represent), each with all its messages, for the
    family's export. Records no audit event: the export records one per file it exports, with
    the categories of what it holds (``{t.thread.category for t in ...}`` and the messages')."""
    mine = await memberships(uow, principal.account_id, file_id)
    if not mine:
        return []
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, file_id)
    visible = await _visible(uow, mine[0], key)
    stmt = (
        select_threads()
        .where(MessageThread.file_id == file_id, MessageThread.audience == "family")
        .order_by(MessageThread.id)
    )
    result = []
    reference = reference_of(uow, file_id)
    for row in await thread_rows(uow.session, stmt):
        if not message_rules.family_reads_thread(row.audience, row.concerned, visible):
            continue
        items, _ = await _messages(uow, row, key, after=None, limit=None)
        view = thread_view(uow.runtime.cipher, key, row, reference, shown=True)
        result.append(FamilyThreadExport(thread=view, messages=items))
    return result


async def file_status(uow: UnitOfWork, file_id: uuid.UUID) -> str | None:
    """The file's status (``open``, ``closed``), for a page that offers to answer."""
    status: str | None = await uow.session.scalar(
        select(CoordinationFile.status).where(CoordinationFile.id == file_id)
    )
    return status
