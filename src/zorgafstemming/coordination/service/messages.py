"""Messages on a file between the partners, or between the partners and the family, as a
partner's worker writes and reads them.

The consent gate applies exactly as for entries: a worker writes a message only in a category
their organisation's consent covers for every member it is about (otherwise 422
``consent-required``), and reads a thread's messages with those outside that consent withheld
(category, author and time only). Each request leaves one audit event.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import message_rules, rules
from zorgafstemming.coordination.message_models import MessageThread
from zorgafstemming.coordination.message_schemas import (
    MessageIn,
    MessagePage,
    MessageView,
    ThreadIn,
    ThreadPage,
    ThreadView,
)
from zorgafstemming.coordination.service.checks import field_error, invalid, raise_if
from zorgafstemming.coordination.service.errors import ConsentRequired, file_not_found
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.service.gate import Gate, gate_for, taking_part
from zorgafstemming.coordination.service.message_store import (
    OBJECT_THREAD,
    OBJECT_THREAD_LIST,
    Author,
    ThreadRow,
    attachment_views,
    create_thread_row,
    known_members,
    load_thread,
    message_rows,
    message_view,
    reference_of,
    select_threads,
    store_message,
    tell_of_message,
    thread_rows,
    thread_view,
    unbound_attachments,
    unknown_member_errors,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork

CLOSED = "The file is closed; no new messages."


def thread_not_found() -> NotFoundError:
    """One answer for a thread that does not exist and one of another file."""
    return NotFoundError("No such thread.")


def _category_errors(category: str) -> list[dict[str, str]]:
    if category not in vocabulary().categories:
        return [field_error("category", "unknown data category")]
    return []


def _coverage(
    facts: FileFacts, organisation: uuid.UUID, action: Action, at: datetime
) -> dict[uuid.UUID, frozenset[str]]:
    """Per member, the categories the organisation's consent covers for the action's purpose."""
    return rules.covered_categories(
        facts.consents,
        facts.members,
        organisation=organisation,
        purpose=vocabulary().purpose_of(action.value),
        at=at,
    )


async def _check_write(
    uow: UnitOfWork,
    gate: Gate,
    facts: FileFacts,
    organisation: uuid.UUID,
    *,
    category: str,
    about: list[uuid.UUID],
    named: list[uuid.UUID],
    attachments: list[uuid.UUID],
) -> None:
    """Refuse (recorded) a message about someone who is no member, or that carries another's
    attachment, or whose category the organisation's consent does not cover for every member
    it is about."""
    session, cats = uow.session, [category]
    errors = unknown_member_errors(named, await known_members(session, facts.file_id))
    errors += await unbound_attachments(session, facts.file_id, organisation, attachments)
    if errors:
        await gate.refuse(invalid("The message names what it may not.", errors), categories=cats)
    per_member = _coverage(facts, organisation, gate.action, uow.runtime.clock())
    if not gate.allowed or not message_rules.partner_sees(per_member, category, about):
        await gate.refuse(
            ConsentRequired(
                "No consent in force covers this category for every member the message is about."
            ),
            categories=cats,
        )


async def _tell(uow: UnitOfWork, facts: FileFacts, thread: ThreadRow, org: uuid.UUID) -> None:
    """Tell the partners taking part (but the writer's organisation) and, in a family thread,
    the family."""
    assert facts.key is not None
    others = [o for o in await taking_part(uow.session, facts, uow.runtime.clock()) if o != org]
    await tell_of_message(
        uow,
        facts.key,
        thread,
        others,
        family=thread.audience == "family",
        actor_organisation_id=org,
    )


async def create_thread(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID, data: ThreadIn
) -> ThreadView:
    """Open a thread with its first message; the consent must cover its category for every
    member it concerns."""
    errors = _category_errors(data.category)
    if len(set(data.about)) != len(data.about):
        errors.append(field_error("about", "names a member twice"))
    raise_if(errors)
    cats = [data.category]
    gate = await gate_for(
        uow, principal, ctx, Action.COORDINATION_THREAD_CREATE, file_id, object_type=OBJECT_THREAD
    )
    facts = await gate.open_facts(CLOSED, categories=cats)
    org = principal.organisation_id
    assert org is not None and facts.key is not None
    about = list(data.about)
    await _check_write(
        uow,
        gate,
        facts,
        org,
        category=data.category,
        about=about,
        named=about,
        attachments=list(data.attachments),
    )
    author = Author(principal.account_id, organisation_id=org)
    thread_id = await create_thread_row(
        uow,
        facts.key,
        file_id,
        author,
        audience=data.audience,
        category=data.category,
        subject=data.subject,
        concerned=about,
    )
    thread = await load_thread(uow.session, thread_id)
    assert thread is not None
    await store_message(
        uow,
        facts.key,
        thread,
        author,
        category=data.category,
        about=[],
        body=data.body,
        attachments=list(data.attachments),
    )
    await _tell(uow, facts, thread, org)
    await gate.allow(categories=cats, object_id=thread_id)
    thread = await load_thread(uow.session, thread_id)
    assert thread is not None
    return thread_view(
        uow.runtime.cipher, facts.key, thread, reference_of(uow, file_id), shown=True
    )


async def add_message(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    thread_id: uuid.UUID,
    data: MessageIn,
) -> MessageView:
    """Write a message in a thread of the file; the consent must cover its category for every
    member it is about (those it names, else those the thread concerns)."""
    errors = [] if data.category is None else _category_errors(data.category)
    if len(set(data.about)) != len(data.about):
        errors.append(field_error("about", "names a member twice"))
    raise_if(errors)
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_MESSAGE_CREATE,
        file_id,
        object_type=OBJECT_THREAD,
        object_id=thread_id,
    )
    facts = await gate.open_facts(CLOSED, categories=[data.category] if data.category else [])
    thread = await load_thread(uow.session, thread_id, file_id)
    if thread is None:
        await gate.refuse(thread_not_found())
    category = data.category or thread.category
    outside = message_rules.outside_audience(thread.audience, thread.concerned, data.about)
    if outside:
        await gate.refuse(
            invalid(
                "A message to the family is only about the members the thread concerns.",
                [field_error("about", "names a member the thread does not concern")],
            ),
            categories=[category],
        )
    org = principal.organisation_id
    assert org is not None and facts.key is not None
    about = message_rules.message_about(data.about, thread.concerned)
    await _check_write(
        uow,
        gate,
        facts,
        org,
        category=category,
        about=about,
        named=list(data.about),
        attachments=list(data.attachments),
    )
    view = await store_message(
        uow,
        facts.key,
        thread,
        Author(principal.account_id, organisation_id=org),
        category=category,
        about=list(data.about),
        body=data.body,
        attachments=list(data.attachments),
    )
    await _tell(uow, facts, thread, org)
    await gate.allow(categories=[category])
    return view


async def _readable(gate: Gate) -> FileFacts:
    """The facts of a file the caller reads messages of; otherwise 404 (recorded)."""
    facts = gate.facts
    if facts is None or not gate.visible or not gate.allowed or facts.key is None:
        await gate.refuse(file_not_found())
    return facts


async def list_threads(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> ThreadPage:
    """The file's threads, oldest first (by id), ``limit`` after the cursor ``after``; the
    subject of one whose category the consent does not cover for the members it concerns is
    withheld."""
    position = read_after_id(after)
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_THREAD_LIST,
        file_id,
        object_type=OBJECT_THREAD_LIST,
        object_id=file_id,
    )
    facts = await _readable(gate)
    assert principal.organisation_id is not None and facts.key is not None
    per_member = _coverage(facts, principal.organisation_id, gate.action, uow.runtime.clock())
    stmt = select_threads().where(MessageThread.file_id == file_id).order_by(MessageThread.id)
    if position is not None:
        stmt = stmt.where(MessageThread.id > position)
    fetched = await thread_rows(uow.session, stmt.limit(limit + 1))
    rows, next_cursor = one_id_page(fetched, limit, lambda row: row.id)
    shown: set[str] = set()
    withheld: set[str] = set()
    items = []
    reference = reference_of(uow, file_id)
    for row in rows:
        sees = message_rules.partner_sees(per_member, row.category, row.concerned)
        (shown if sees else withheld).add(row.category)
        items.append(thread_view(uow.runtime.cipher, facts.key, row, reference, shown=sees))
    await gate.allow(categories=shown)
    return ThreadPage(items=items, next=next_cursor, withheld_categories=sorted(withheld))


async def list_messages(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    thread_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> MessagePage:
    """A thread's messages, oldest first (by id), ``limit`` after the cursor ``after``; those
    whose category the consent does not cover for every member they are about are withheld
    (category, author and time only). One audit event for the read."""
    position = read_after_id(after)
    gate = await gate_for(
        uow,
        principal,
        ctx,
        Action.COORDINATION_MESSAGE_LIST,
        file_id,
        object_type=OBJECT_THREAD,
        object_id=thread_id,
    )
    facts = await _readable(gate)
    thread = await load_thread(uow.session, thread_id, file_id)
    if thread is None:
        await gate.refuse(thread_not_found())
    assert principal.organisation_id is not None and facts.key is not None
    per_member = _coverage(facts, principal.organisation_id, gate.action, uow.runtime.clock())
    fetched, about = await message_rows(uow.session, thread_id, after=position, limit=limit + 1)
    rows, next_cursor = one_id_page(fetched, limit, lambda row: row.id)
    attachments = await attachment_views(uow.session, [r.id for r in rows])
    shown: set[str] = set()
    withheld: set[str] = set()
    items = []
    for row in rows:
        members = message_rules.message_about(about.get(row.id, []), thread.concerned)
        sees = message_rules.partner_sees(per_member, row.category, members)
        (shown if sees else withheld).add(row.category)
        items.append(
            message_view(
                uow.runtime.cipher,
                facts.key,
                row,
                members,
                attachments.get(row.id, []),
                shown=sees,
            )
        )
    sees_thread = message_rules.partner_sees(per_member, thread.category, thread.concerned)
    if sees_thread:
        shown.add(thread.category)
    await gate.allow(categories=shown)
    return MessagePage(
        thread=thread_view(
            uow.runtime.cipher, facts.key, thread, reference_of(uow, file_id), shown=sees_thread
        ),
        items=items,
        next=next_cursor,
        withheld_categories=sorted(withheld),
    )
