"""The server delivers the outbox in the background, when its scheduler is on."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tests.factories.smtp import SmtpServer
from zorgafstemming.config import ConfigError
from zorgafstemming.mail import outbox
from zorgafstemming.mail.sender import MailSender, transport_for
from zorgafstemming.runtime import Runtime


async def test_the_loop_delivers_what_is_queued_and_stops(
    mail_runtime: Runtime, smtp_server: SmtpServer
) -> None:
    sender = MailSender(mail_runtime, transport_for(mail_runtime.settings), interval=0.05)
    sender.start()
    try:
        async with mail_runtime.unit_of_work() as uow:
            message = outbox.Message("ouder@example.be", "Uw account", "Een link")
            await outbox.enqueue(uow, kind="activation", message=message)
        for _ in range(400):  # poll: rounds follow each other every 50 ms
            if smtp_server.received:
                break
            await asyncio.sleep(0.05)
    finally:
        await sender.stop()
    assert [r.rcpt_tos for r in smtp_server.received] == [["ouder@example.be"]]


async def test_the_app_runs_the_sender_only_when_the_scheduler_is_on(runtime: Runtime) -> None:
    from litestar.testing import AsyncTestClient

    from zorgafstemming.app import create_app

    for enabled in (False, True):
        runtime.settings = replace(runtime.settings, scheduler_enabled=enabled)
        app = create_app(runtime.settings, runtime=runtime)
        async with AsyncTestClient(app=app, base_url="https://testserver.local"):
            assert (getattr(app.state, "mail_sender", None) is not None) is enabled
        assert getattr(app.state, "mail_sender", None) is None


async def test_a_broken_smtp_url_stops_the_app_before_it_starts(runtime: Runtime) -> None:
    from zorgafstemming.app import create_app

    settings = replace(runtime.settings, smtp_url="smtp://relay:geheim-5120@mail.example.be:x")
    with pytest.raises(ConfigError, match="ZORG_SMTP_URL") as refused:
        create_app(settings, runtime=runtime)
    assert "geheim" not in str(refused.value)
