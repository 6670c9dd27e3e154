"""HTTP API of the messages on a file: threads, messages and attachments for the partners, and
the family's threads in the portal (thin controllers over ``coordination.service``)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.status_codes import HTTP_201_CREATED

from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import post_as
from zorgafstemming.coordination.api import evidence_response
from zorgafstemming.coordination.message_schemas import (
    AttachmentView,
    FamilyMessageIn,
    MessageIn,
    MessagePage,
    MessageView,
    ThreadIn,
    ThreadPage,
    ThreadView,
)
from zorgafstemming.coordination.service import attachments, family_messages, messages
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging_api import After, Limit


class FileMessageController(Controller):
    """Threads and messages of one file, and their attachments."""

    path = "/files/{file_id:uuid}"
    tags = ["files"]

    @get("/threads", opt={"action": Action.COORDINATION_THREAD_LIST})
    async def threads(
        self, file_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> ThreadPage:
        """The file's threads, oldest first (by id); a subject your organisation's consent does
        not cover is withheld (``withheld``: true, no ``subject``). Pass ``next`` as ``after``
        for the next page."""
        return await caller.run(messages.list_threads, file_id, after=after, limit=limit)

    @post_as(Action.COORDINATION_THREAD_CREATE, "/threads", status_code=HTTP_201_CREATED)
    async def create_thread(self, file_id: uuid.UUID, data: ThreadIn, caller: Caller) -> ThreadView:
        """Open a thread with its first message: ``partners`` (every partner on the file) or
        ``family`` (the partners and the family accounts of the members it concerns). Your
        organisation's consent must cover the category for every member it concerns (otherwise
        422 ``consent-required``)."""
        return await caller.run(messages.create_thread, file_id, data)

    @get("/threads/{thread_id:uuid}/messages", opt={"action": Action.COORDINATION_MESSAGE_LIST})
    async def messages(
        self,
        file_id: uuid.UUID,
        thread_id: uuid.UUID,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> MessagePage:
        """The thread and its messages, oldest first (by id); a message your consent does not
        cover is withheld (category, author and time only). Pass ``next`` as ``after`` for the
        next page."""
        return await caller.run(
            messages.list_messages, file_id, thread_id, after=after, limit=limit
        )

    @post_as(
        Action.COORDINATION_MESSAGE_CREATE,
        "/threads/{thread_id:uuid}/messages",
        status_code=HTTP_201_CREATED,
    )
    async def write(
        self, file_id: uuid.UUID, thread_id: uuid.UUID, data: MessageIn, caller: Caller
    ) -> MessageView:
        """Write in a thread; your consent must cover the category (the thread's by default)
        for every member the message is about (those it names, else those the thread
        concerns), otherwise 422 ``consent-required``."""
        return await caller.run(messages.add_message, file_id, thread_id, data)

    @post(
        "/attachments",
        status_code=HTTP_201_CREATED,
        opt={"action": Action.COORDINATION_ATTACHMENT_UPLOAD},
        request_max_body_size=attachments.MAX_ATTACHMENT_BYTES,
    )
    async def upload(
        self, file_id: uuid.UUID, request: Request[Any, Any, Any], caller: Caller
    ) -> AttachmentView:
        """Upload an attachment as the raw request body (PDF, JPEG or PNG, recognised by its
        content; at most 10 MB), then name its id in a message's ``attachments``."""
        body = await request.body()
        return await caller.run(attachments.upload_attachment, file_id, body)

    @get("/attachments/{attachment_id:uuid}", opt={"action": Action.COORDINATION_ATTACHMENT_READ})
    async def download(
        self, file_id: uuid.UUID, attachment_id: uuid.UUID, caller: Caller
    ) -> Response[bytes]:
        """Download an attachment of a message your consent covers (audited as a read)."""
        return evidence_response(
            await caller.run(attachments.download_attachment, file_id, attachment_id)
        )


class FamilyMessageController(Controller):
    """The family's threads in the portal."""

    path = "/me"
    tags = ["family"]

    @get("/threads", opt={"action": Action.FAMILY_THREAD_LIST})
    async def threads(self, caller: Caller, limit: Limit, after: After) -> ThreadPage:
        """The threads addressed to the family about you or the children under 12 you
        represent, oldest first (by id); pass ``next`` as ``after`` for the next page."""
        return await caller.run(family_messages.family_threads, limit=limit, after=after)

    @get("/threads/{thread_id:uuid}/messages", opt={"action": Action.FAMILY_MESSAGE_LIST})
    async def messages(
        self, thread_id: uuid.UUID, caller: Caller, limit: Limit, after: After
    ) -> MessagePage:
        """One of your threads and its messages, oldest first (by id)."""
        return await caller.run(
            family_messages.family_messages, thread_id, limit=limit, after=after
        )

    @post_as(
        Action.FAMILY_MESSAGE_CREATE,
        "/threads/{thread_id:uuid}/messages",
        status_code=HTTP_201_CREATED,
    )
    async def answer(
        self, thread_id: uuid.UUID, data: FamilyMessageIn, caller: Caller
    ) -> MessageView:
        """Answer in one of your threads (a closed file answers 409 ``file-closed``)."""
        return await caller.run(family_messages.family_reply, thread_id, data)

    @get("/attachments/{attachment_id:uuid}", opt={"action": Action.FAMILY_ATTACHMENT_READ})
    async def attachment(self, attachment_id: uuid.UUID, caller: Caller) -> Response[bytes]:
        """Download an attachment of a message in one of your threads (audited as a read)."""
        return evidence_response(await caller.run(attachments.family_attachment, attachment_id))


ROUTES: list[Any] = [FileMessageController, FamilyMessageController]
