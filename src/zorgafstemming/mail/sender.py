"""The sender: delivers the due mails of the outbox, each at most once.

A round takes due mails one at a time, in three steps:

1. **claim** — in a committed transaction of its own, a guarded UPDATE moves the mail from
   ``queued`` to ``sending`` (attempts + 1) and its message is decrypted. PostgreSQL's
   ``FOR UPDATE SKIP LOCKED`` lets a second instance pass a row being claimed, and the UPDATE's
   ``status = 'queued'`` condition means two senders never both claim one; SQLite has one writer.
2. **deliver** — outside any transaction: no request waits on SMTP, and SQLite's one connection
   is free while the network is slow.
3. **record** — in another transaction: ``sent`` (content erased), back to ``queued`` with a later
   ``next_attempt_at``, or ``failed`` / ``unknown`` (content erased); see ``mail.rules``.

While a mail is ``sending``, its ``next_attempt_at`` is the end of its lease (``rules.LEASE``).
A mail still ``sending`` after that was claimed by a sender that crashed or froze mid-way. It
becomes ``unknown`` and its content is erased, and it is never sent again automatically: nobody
can tell whether the server took it, and we prefer a lost mail the administrator sees (and
redoes) to a duplicate activation link in someone's inbox.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from zorgafstemming.background import BackgroundLoop, start_in_app, stop_in_app
from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import DecryptionError
from zorgafstemming.logging import get_logger
from zorgafstemming.mail import rules
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.mail.outbox import Message, read_message
from zorgafstemming.mail.smtp import SmtpTransport, parse_smtp_url, tls_context
from zorgafstemming.mail.transport import (
    UNSENDABLE,
    DeliveryFailed,
    FileTransport,
    Transport,
    compose,
)
from zorgafstemming.runtime import Runtime

if TYPE_CHECKING:
    from litestar import Litestar

# Mails per round at most, so one round never runs for long.
BATCH_SIZE = 50
INTERVAL_SECONDS = 5.0
FIRST_ROUND_DELAY_SECONDS = 2.0

_log = get_logger("zorgafstemming.mail")


def transport_for(settings: Settings) -> Transport:
    """SMTP when ``settings.smtp_url`` is set, else ``.eml`` files in ``settings.mail_path``;
    ``ConfigError`` for an unusable URL or CA file."""
    if not settings.smtp_url:
        return FileTransport(settings.mail_path)
    target = parse_smtp_url(settings.smtp_url, production=settings.is_production)
    context = tls_context(settings) if target.security != "none" else None
    return SmtpTransport(target, context)


@dataclass
class RoundSummary:
    """What one round did (counts only)."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    unknown: int = 0

    def add(self, status: rules.Status) -> None:
        if status == "sent":
            self.sent += 1
        elif status == "queued":
            self.retrying += 1
        elif status == "failed":
            self.failed += 1
        elif status == "unknown":
            self.unknown += 1

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Claimed:
    """A mail this sender now holds in ``sending``; ``message`` is None when unreadable."""

    mail_id: uuid.UUID
    kind: str
    attempts: int
    message: Message | None


async def expire_leases(runtime: Runtime) -> int:
    """Give up every mail left in ``sending`` past its lease as ``unknown`` (see the module doc);
    returns how many."""
    async with runtime.unit_of_work() as uow:
        result = await uow.session.execute(
            update(OutboundMail)
            .where(
                OutboundMail.status == "sending",
                OutboundMail.next_attempt_at <= runtime.clock(),
            )
            .values(status="unknown", message_enc=None, last_error=rules.INTERRUPTED)
            .execution_options(synchronize_session=False)
        )
    count: int = getattr(result, "rowcount", 0)
    if count:
        _log.warning("mail_unknown", count=count, problem=rules.INTERRUPTED)
    return count


async def claim_next(runtime: Runtime) -> Claimed | None:
    """Claim the next due mail (committed before this returns), or None when none is due."""
    async with runtime.unit_of_work() as uow:
        session = uow.session
        while True:
            now = runtime.clock()
            mail_id = await session.scalar(
                select(OutboundMail.id)
                .where(OutboundMail.status == "queued", OutboundMail.next_attempt_at <= now)
                .order_by(OutboundMail.next_attempt_at, OutboundMail.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            )
            if mail_id is None:
                return None
            result = await session.execute(
                update(OutboundMail)
                .where(OutboundMail.id == mail_id, OutboundMail.status == "queued")
                .values(
                    status="sending",
                    attempts=OutboundMail.attempts + 1,
                    next_attempt_at=now + rules.LEASE,
                )
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) == 1:
                break  # another sender took it first otherwise: try the next one
        row = (
            await session.execute(
                select(OutboundMail.kind, OutboundMail.attempts, OutboundMail.message_enc).where(
                    OutboundMail.id == mail_id
                )
            )
        ).one()
        message: Message | None = None
        if row.message_enc is not None:
            try:
                message = await read_message(uow, mail_id, row.message_enc)
            except DecryptionError:
                message = None  # recorded as failed: this row can never be sent
        return Claimed(mail_id, row.kind, row.attempts, message)


async def _attempt(
    runtime: Runtime, transport: Transport, claimed: Claimed
) -> rules.Failure | None:
    if claimed.message is None:
        return rules.Failure("unreadable", transient=False)
    try:
        outgoing = compose(
            claimed.message,
            mail_id=claimed.mail_id,
            mail_from=runtime.settings.mail_from,
            now=runtime.clock(),
        )
    except UNSENDABLE:
        return rules.Failure("bad-message", transient=False)
    try:
        await transport.deliver(outgoing)
    except DeliveryFailed as exc:
        return exc.failure
    return None


async def record(runtime: Runtime, claimed: Claimed, failure: rules.Failure | None) -> rules.Status:
    """Record how the attempt on ``claimed`` ended; returns the mail's new status."""
    now = runtime.clock()
    values: dict[str, Any]
    if failure is None:
        status: rules.Status = "sent"
        values = {"status": status, "sent_at": now, "message_enc": None, "last_error": None}
    else:
        outcome = rules.after_failure(failure, attempts=claimed.attempts, now=now)
        status = outcome.status
        values = {"status": status, "last_error": outcome.last_error}
        if outcome.next_attempt_at is not None:
            values["next_attempt_at"] = outcome.next_attempt_at
        if outcome.erases_content:
            values["message_enc"] = None
    async with runtime.unit_of_work() as uow:
        # Only a mail still in this attempt: one already given up as unknown stays so.
        await uow.session.execute(
            update(OutboundMail)
            .where(OutboundMail.id == claimed.mail_id, OutboundMail.status == "sending")
            .values(**values)
            .execution_options(synchronize_session=False)
        )
    fields = {"mail_id": str(claimed.mail_id), "kind": claimed.kind, "count": claimed.attempts}
    if failure is None:
        _log.info("mail_sent", **fields)
    else:
        event = "mail_retrying" if status == "queued" else f"mail_{status}"
        level = _log.info if status == "queued" else _log.warning
        level(event, problem=failure.error, **fields)
    return status


async def deliver_due(
    runtime: Runtime, transport: Transport, *, limit: int = BATCH_SIZE
) -> RoundSummary:
    """One round: expire stale leases, then claim, deliver and record up to ``limit`` due mails."""
    summary = RoundSummary(unknown=await expire_leases(runtime))
    for _ in range(limit):
        claimed = await claim_next(runtime)
        if claimed is None:
            break
        failure = await _attempt(runtime, transport, claimed)
        summary.add(await record(runtime, claimed, failure))
    return summary


class MailSender(BackgroundLoop):
    """Delivers due mails every few seconds in the server process (started only when
    ``settings.scheduler_enabled``). Every instance may run one: claims never overlap."""

    task_name = "mail-sender"
    failure_event = "mail_round_failed"
    log = _log
    default_interval = INTERVAL_SECONDS
    default_first_delay = FIRST_ROUND_DELAY_SECONDS

    def __init__(self, runtime: Runtime, transport: Transport, **timing: float) -> None:
        super().__init__(runtime, **timing)
        self.transport = transport

    async def run_round(self) -> None:
        await deliver_due(self.runtime, self.transport)


async def start_mail_sender(app: Litestar) -> None:
    """App start-up hook: deliver the outbox in the background when the scheduler is on."""
    start_in_app(
        app, "mail_sender", lambda runtime: MailSender(runtime, transport_for(runtime.settings))
    )


async def stop_mail_sender(app: Litestar) -> None:
    """App shutdown hook: stop the loop (a mail cut off mid-delivery ends as ``unknown``)."""
    await stop_in_app(app, "mail_sender")
