"""The mails an account holder gets about their own account, and the alerts every data
protection officer gets, queued in the outbox.

Each goes to the account's own address (or, for the e-mail check of an activation, to the address
being verified), in short Dutch (``mail/templates/``), with a link built from the public base URL
and no case content.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from sqlalchemy import select

from zorgafstemming.identity import account_fields, rules
from zorgafstemming.identity.models import Account
from zorgafstemming.mail import outbox
from zorgafstemming.mail.texts import compose
from zorgafstemming.runtime import UnitOfWork


async def send_activation_link(
    uow: UnitOfWork, account_id: uuid.UUID, email: str, token: str
) -> None:
    """The one-time activation link, to the account's own address."""
    link = outbox.link(uow.runtime, f"/activeren?code={quote(token, safe='')}")
    message = compose("activation", email, link=link, days=rules.ACTIVATION_TTL.days)
    await outbox.enqueue(uow, kind="activation", message=message, account_id=account_id)


async def send_reset_notice(uow: UnitOfWork, account_id: uuid.UUID, email: str) -> None:
    """Tell the holder that their sign-in was reset after a second person approved it."""
    message = compose("account-reset", email)
    await outbox.enqueue(uow, kind="account-reset", message=message, account_id=account_id)


async def send_change_notice(uow: UnitOfWork, account_id: uuid.UUID, email: str) -> None:
    """Tell the holder that their role or organisation changed."""
    message = compose("account-change", email)
    await outbox.enqueue(uow, kind="account-change", message=message, account_id=account_id)


async def send_email_code(uow: UnitOfWork, account_id: uuid.UUID, email: str, code: str) -> None:
    """The verification code, to the address a family member typed while activating."""
    minutes = int(rules.EMAIL_CODE_TTL.total_seconds() // 60)
    message = compose("email-verification", email, code=code, minutes=minutes)
    await outbox.enqueue(uow, kind="email-verification", message=message, account_id=account_id)


async def mail_dpos(uow: UnitOfWork, kind: outbox.MailKind, path: str, **values: Any) -> int:
    """Queue the alert ``kind`` for every active DPO account, with a link to ``path`` (their
    queue) and ``values`` for its text; how many were queued. The text names no file, family or
    worker: the DPO reads the rest in the queue after signing in."""
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
    link = outbox.link(uow.runtime, path)
    sent = 0
    for row in rows:
        if row.email_enc is None:
            continue
        email = account_fields.decrypt(uow.runtime, key, row.id, "email", bytes(row.email_enc))
        message = compose(kind, email, link=link, **values)
        await outbox.enqueue(uow, kind=kind, message=message, account_id=row.id)
        sent += 1
    return sent
