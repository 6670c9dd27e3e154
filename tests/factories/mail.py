"""Test helpers: the mails waiting in the outbox, decrypted (what the sender would deliver)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.mail import outbox
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.runtime import Runtime


async def queued_mails(
    runtime: Runtime, *, account_id: uuid.UUID | None = None, kind: str | None = None
) -> list[outbox.Message]:
    """The not yet delivered mails, oldest first, optionally of one account or kind."""
    query = (
        select(OutboundMail)
        .options(undefer(OutboundMail.message_enc))
        .where(OutboundMail.message_enc.is_not(None))
        .order_by(OutboundMail.id)
    )
    if account_id is not None:
        query = query.where(OutboundMail.account_id == account_id)
    if kind is not None:
        query = query.where(OutboundMail.kind == kind)
    async with runtime.unit_of_work() as uow:
        rows = (await uow.session.scalars(query)).all()
        return [await outbox.read_message(uow, row.id, row.message_enc or b"") for row in rows]
