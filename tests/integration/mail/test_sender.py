"""The sender against a real SMTP server in the process: delivered once, content erased, no mail
lost while the server is down, never sent twice."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import replace
from datetime import timedelta

import msgspec
import pytest
from sqlalchemy import select

from tests.factories.smtp import MAIL_FROM, SmtpServer
from zorgafstemming.mail import outbox, rules
from zorgafstemming.mail.models import OutboundMail
from zorgafstemming.mail.sender import claim_next, deliver_due, transport_for
from zorgafstemming.runtime import Runtime

RECIPIENT = "canary-ouder-5521@example.be"
MESSAGE = outbox.Message(
    to=RECIPIENT,
    subject="Activeer uw account",
    body="Open deze link om uw account te activeren: https://zorg.example.be/activeren?code=k7Q",
)


def _shift_clock(runtime: Runtime, delta: timedelta) -> None:
    now = runtime.clock()
    runtime.clock = lambda: now + delta


async def _queue(runtime: Runtime, message: outbox.Message = MESSAGE) -> uuid.UUID:
    async with runtime.unit_of_work() as uow:
        return await outbox.enqueue(uow, kind="activation", message=message)


async def _row(runtime: Runtime, mail_id: uuid.UUID) -> OutboundMail:
    async with runtime.sessions() as session:
        return (
            await session.scalars(
                select(OutboundMail)
                .execution_options(populate_existing=True)
                .where(OutboundMail.id == mail_id)
            )
        ).one()


async def _content(runtime: Runtime, mail_id: uuid.UUID) -> bytes | None:
    async with runtime.sessions() as session:
        return await session.scalar(
            select(OutboundMail.message_enc).where(OutboundMail.id == mail_id)
        )


async def _round(runtime: Runtime) -> tuple[int, int, int, int]:
    summary = await deliver_due(runtime, transport_for(runtime.settings))
    return summary.sent, summary.retrying, summary.failed, summary.unknown


async def test_a_queued_mail_is_delivered_once_over_tls_and_its_content_erased(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    mail_id = await _queue(mail_runtime)
    assert await _round(mail_runtime) == (1, 0, 0, 0)
    [received] = smtp_server.received
    assert received.over_tls
    assert received.rcpt_tos == [RECIPIENT]
    assert received.mail_from == "noreply@zorg.example.be"
    mail = received.message
    assert mail["To"] == RECIPIENT
    assert mail["From"] == MAIL_FROM
    assert mail["Subject"] == MESSAGE.subject
    assert mail["Message-ID"] == f"<{mail_id}@zorg.example.be>"
    assert mail["Date"] is not None
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    assert mail.get_content().strip() == MESSAGE.body
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, None)
    assert row.sent_at is not None
    assert await _content(mail_runtime, mail_id) is None
    assert await _round(mail_runtime) == (0, 0, 0, 0)
    assert len(smtp_server.received) == 1


async def test_stopping_the_smtp_server_loses_no_mail(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    mail_id = await _queue(mail_runtime)
    before = mail_runtime.clock()
    assert await _round(mail_runtime) == (0, 1, 0, 0)
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.attempts, row.last_error) == ("queued", 1, "connection-refused")
    assert row.next_attempt_at >= before + rules.FIRST_RETRY
    assert await _content(mail_runtime, mail_id) is not None

    smtp_server.start()
    assert await _round(mail_runtime) == (0, 0, 0, 0)  # not before its next attempt is due
    assert smtp_server.received == []
    _shift_clock(mail_runtime, rules.FIRST_RETRY + timedelta(seconds=1))
    assert await _round(mail_runtime) == (1, 0, 0, 0)
    assert await _round(mail_runtime) == (0, 0, 0, 0)
    assert [r.rcpt_tos for r in smtp_server.received] == [[RECIPIENT]]
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.attempts) == ("sent", 2)


@pytest.mark.parametrize(
    ("reply", "status", "error"),
    [
        (f"550 5.1.1 <{RECIPIENT}>: mailbox unknown", "failed", "smtp-5xx"),
        (f"451 4.3.0 <{RECIPIENT}>: try again later", "queued", "smtp-4xx"),
    ],
)
async def test_a_refusal_is_final_for_5xx_and_retried_for_4xx(
    mail_runtime: Runtime, smtp_server: SmtpServer, reply: str, status: str, error: str
) -> None:
    smtp_server.reply = reply
    mail_id = await _queue(mail_runtime)
    await _round(mail_runtime)
    row = await _row(mail_runtime, mail_id)
    # The class of the error only: the server's reply echoes the address.
    assert (row.status, row.last_error) == (status, error)
    assert (await _content(mail_runtime, mail_id) is None) == (status == "failed")
    smtp_server.reply = None
    _shift_clock(mail_runtime, rules.LONGEST_RETRY)
    await _round(mail_runtime)
    assert len(smtp_server.received) == (0 if status == "failed" else 1)


async def test_a_mail_is_given_up_after_the_last_attempt(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    mail_id = await _queue(mail_runtime)
    for _ in range(rules.MAX_ATTEMPTS):
        await _round(mail_runtime)
        _shift_clock(mail_runtime, rules.LONGEST_RETRY)
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.attempts, row.last_error) == (
        "failed",
        rules.MAX_ATTEMPTS,
        "connection-refused",
    )
    assert await _content(mail_runtime, mail_id) is None


async def test_a_mail_claimed_by_a_crashed_sender_is_never_sent_again(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    mail_id = await _queue(mail_runtime)
    claimed = await claim_next(mail_runtime)  # the sender dies before it hands the mail over
    assert claimed is not None and claimed.mail_id == mail_id
    assert await _round(mail_runtime) == (0, 0, 0, 0)
    assert (await _row(mail_runtime, mail_id)).status == "sending"

    _shift_clock(mail_runtime, rules.LEASE + timedelta(seconds=1))
    assert await _round(mail_runtime) == (0, 0, 0, 1)
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.last_error, row.attempts) == ("unknown", "interrupted", 1)
    assert await _content(mail_runtime, mail_id) is None
    _shift_clock(mail_runtime, rules.LEASE * 4)
    assert await _round(mail_runtime) == (0, 0, 0, 0)
    assert smtp_server.received == []


async def test_two_senders_at_once_deliver_each_mail_once(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    ids = [
        await _queue(mail_runtime, msgspec.structs.replace(MESSAGE, to=f"ouder-{n}@example.be"))
        for n in range(8)
    ]
    # A second instance: its own engine and connections on the same database.
    other = Runtime.build(mail_runtime.settings)
    try:
        first, second = await asyncio.gather(
            deliver_due(mail_runtime, transport_for(mail_runtime.settings)),
            deliver_due(other, transport_for(other.settings)),
        )
    finally:
        await other.close()
    assert first.sent + second.sent == len(ids)
    received = sorted(r.message["Message-ID"] for r in smtp_server.received)
    assert received == sorted(f"<{mail_id}@zorg.example.be>" for mail_id in ids)
    for mail_id in ids:
        row = await _row(mail_runtime, mail_id)
        assert (row.status, row.attempts) == ("sent", 1)


async def test_a_server_without_starttls_gets_nothing(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    smtp_server.stop()
    plain = SmtpServer(smtp_server.folder / "plain", starttls=False, port=smtp_server.port)
    plain.start()
    try:
        mail_id = await _queue(mail_runtime)
        assert await _round(mail_runtime) == (0, 1, 0, 0)
    finally:
        plain.stop()
    assert plain.received == []
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.last_error) == ("queued", "starttls-unavailable")


async def test_an_untrusted_certificate_gets_nothing(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    mail_runtime.settings = replace(mail_runtime.settings, smtp_ca_file=None)  # system CAs only
    mail_id = await _queue(mail_runtime)
    assert await _round(mail_runtime) == (0, 1, 0, 0)
    assert smtp_server.received == []
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.last_error) == ("queued", "tls-failed")


async def test_a_mail_that_would_inject_a_header_is_never_sent(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    mail_id = await _queue(
        mail_runtime, msgspec.structs.replace(MESSAGE, to=f"{RECIPIENT}\nBcc: x@example.org")
    )
    assert await _round(mail_runtime) == (0, 0, 1, 0)
    assert smtp_server.received == []
    row = await _row(mail_runtime, mail_id)
    assert (row.status, row.last_error) == ("failed", "bad-message")
    assert await _content(mail_runtime, mail_id) is None
