"""Alerting the data protection officers of an emergency grant: one mail to each active DPO
account, queued in the outbox with the grant (no case content: no file, family, ground or
worker — a link to the queue and the review day)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from zorgafstemming.dutch import dutch_date
from zorgafstemming.identity import account_fields
from zorgafstemming.identity.models import Account
from zorgafstemming.mail import outbox
from zorgafstemming.mail.texts import compose
from zorgafstemming.runtime import UnitOfWork

QUEUE_PATH = "/fg/noodtoegang"


async def alert_dpos(uow: UnitOfWork, *, hours: int, due: date) -> int:
    """Queue the alert for every active DPO account; how many were queued."""
    rows = (
        await uow.session.execute(
            select(Account.id, Account.email_enc)
            .where(Account.role == "dpo", Account.status == "active")
            .order_by(Account.id)
        )
    ).all()
    if not rows:
        return 0
    key = await account_fields.accounts_key(uow)
    link = outbox.link(uow.runtime, QUEUE_PATH)
    sent = 0
    for row in rows:
        if row.email_enc is None:
            continue
        email = account_fields.decrypt(uow.runtime, key, row.id, "email", bytes(row.email_enc))
        message = compose("emergency-access", email, link=link, hours=hours, due=dutch_date(due))
        await outbox.enqueue(uow, kind="emergency-access", message=message, account_id=row.id)
        sent += 1
    return sent
