"""The delivery state of the outbox for the administrator and the operator: what each mail was
for and how far it got, never its recipient or text."""

from __future__ import annotations

from sqlalchemy import func, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.mail.rules import STATUSES
from zorgafstemming.mail.schemas import MailOut, MailPage
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.runtime import UnitOfWork


async def list_deliveries(
    uow: UnitOfWork, ctx: AuditContext, *, limit: int, after: str | None = None
) -> MailPage:
    """Mails newest first by (created_at, id), ``limit`` after the cursor ``after``; the read
    is audited (it tells which mails an account got, by kind and time)."""
    position = read_after(after)
    await record(uow, ctx, Action.MAIL_OUTBOX_LIST, "allowed", object_type="outbound_mail")
    stmt = (
        select(
            OutboundMail.id,
            OutboundMail.kind,
            OutboundMail.status,
            OutboundMail.attempts,
            OutboundMail.created_at,
            OutboundMail.sent_at,
            OutboundMail.last_error,
        )
        .order_by(OutboundMail.created_at.desc(), OutboundMail.id.desc())
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(beyond(OutboundMail.created_at, OutboundMail.id, position))
    fetched = (await uow.session.execute(stmt)).all()
    rows, next_cursor = one_page(fetched, limit, lambda r: (r.created_at, r.id))
    return MailPage(
        items=[
            MailOut(r.id, r.kind, r.status, r.attempts, r.created_at, r.sent_at, r.last_error)
            for r in rows
        ],
        next=next_cursor,
    )


async def count_by_status(uow: UnitOfWork) -> dict[str, int]:
    """How many mails are in each status (every status named, zero when none)."""
    rows = (
        await uow.session.execute(
            select(OutboundMail.status, func.count()).group_by(OutboundMail.status)
        )
    ).all()
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts
