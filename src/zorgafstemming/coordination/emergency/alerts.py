"""Alerting the data protection officers of an emergency grant: one mail to each active DPO
account, queued in the outbox with the grant (no case content: no file, family, ground or
worker — a link to the queue and the review day)."""

from __future__ import annotations

from datetime import date

from zorgafstemming.dutch import dutch_date
from zorgafstemming.identity.account_mail import mail_dpos
from zorgafstemming.runtime import UnitOfWork

QUEUE_PATH = "/fg/noodtoegang"


async def alert_dpos(uow: UnitOfWork, *, hours: int, due: date) -> int:
    """Queue the alert for every active DPO account; how many were queued."""
    return await mail_dpos(uow, "emergency-access", QUEUE_PATH, hours=hours, due=dutch_date(due))
