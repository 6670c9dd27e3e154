"""A file's threads, messages and attachments (subject, body and content encrypted under the
file's key) go with the file when it is purged, and the proof of deletion names them; another
file's stay. A message the family wrote (its member gone with the file) goes too."""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from tests.factories.retention import BOUNDARY, OPENED, at, count, make_world
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.coordination.message_models import (
    Message,
    MessageAttachment,
    MessageMember,
    MessageThread,
    MessageThreadMember,
)
from zorgafstemming.identity.models import Account
from zorgafstemming.retention import purge
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.schedule import load_schedule
from zorgafstemming.runtime import Runtime

TABLES = {
    "message_threads",
    "message_thread_members",
    "messages",
    "message_members",
    "message_attachments",
}


async def test_threads_messages_and_attachments_go_with_their_file(rolled_back: Runtime) -> None:
    runtime = rolled_back  # one run at a time: rolled back, not committed
    world = await make_world(runtime)
    async with runtime.sessions() as session, session.begin():
        org = await session.scalar(
            select(Account.organisation_id).where(Account.id == world.staff_id)
        )
        for seeded in (world.due, world.keep):
            thread, member = uuid.uuid4(), seeded.member_ids[0]
            await session.execute(
                insert(MessageThread).values(
                    id=thread,
                    file_id=seeded.file_id,
                    audience="family",
                    category="case_notes",
                    subject_enc=b"\x01sealed",
                    created_by_account_id=world.staff_id,
                    created_by_organisation_id=org,
                    created_at=OPENED,
                    last_message_at=OPENED,
                )
            )
            await session.execute(
                insert(MessageThreadMember).values(thread_id=thread, member_id=member)
            )
            by_partner, by_family = uuid.uuid4(), uuid.uuid4()
            common = {"file_id": seeded.file_id, "thread_id": thread, "created_at": OPENED}
            await session.execute(
                insert(Message).values(
                    id=by_partner,
                    category="case_notes",
                    body_enc=b"\x01sealed",
                    author_account_id=world.staff_id,
                    author_organisation_id=org,
                    **common,
                )
            )
            await session.execute(
                insert(Message).values(
                    id=by_family,
                    category="case_notes",
                    body_enc=b"\x01sealed",
                    author_member_id=member,
                    **common,
                )
            )
            await session.execute(
                insert(MessageMember).values(message_id=by_partner, member_id=member)
            )
            for message_id in (by_partner, None):  # one sent, one uploaded and never sent
                await session.execute(
                    insert(MessageAttachment).values(
                        id=uuid.uuid4(),
                        file_id=seeded.file_id,
                        message_id=message_id,
                        media_type="application/pdf",
                        size=7,
                        sha256="0" * 64,
                        content_enc=b"\x01sealed",
                        uploaded_by_account_id=world.staff_id,
                        uploaded_by_organisation_id=org,
                        uploaded_at=OPENED,
                    )
                )
    at(runtime, BOUNDARY)
    await purge.run(runtime, load_schedule())
    async with runtime.sessions() as session:
        due, keep = world.due.file_id, world.keep.file_id
        for model in (MessageThread, Message, MessageAttachment):
            assert await count(session, model, model.file_id == due) == 0
        assert await count(session, MessageThread, MessageThread.file_id == keep) == 1
        assert await count(session, Message, Message.file_id == keep) == 2
        assert await count(session, MessageAttachment, MessageAttachment.file_id == keep) == 2
        ref = audit_ref(runtime.secrets.audit_key, "file", due)
        tomb = await session.scalar(select(PurgeTombstone).where(PurgeTombstone.file_ref == ref))
    assert tomb is not None and tomb.proof_ok
    assert set(tomb.proof) >= TABLES
    assert tomb.purged_counts["messages"] == 2
    assert tomb.purged_counts["message_attachments"] == 2
