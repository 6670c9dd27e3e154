"""Without an SMTP server: development writes .eml files, and a request never waits on SMTP."""

from __future__ import annotations

import asyncio
import io
import stat
from dataclasses import replace
from email import message_from_bytes, policy

from httpx import AsyncClient

from tests.factories import auth_headers, create_account
from tests.factories.smtp import HOST, hanging_server
from zorgafstemming.identity.principal import Role
from zorgafstemming.logging import configure_logging
from zorgafstemming.mail import outbox
from zorgafstemming.mail.sender import deliver_due, transport_for
from zorgafstemming.mail.transport import DEVELOPMENT_SENDER
from zorgafstemming.runtime import Runtime

RECIPIENT = "canary-grootouder-3308@example.be"
MESSAGE = outbox.Message(RECIPIENT, "Uw account", "Gebruik deze link: https://zorg.example.be/x")
# How long a step may take before the test calls it stuck (a guard against a hang, not a
# timing assertion: the steps take milliseconds).
STUCK_SECONDS = 20


async def _queue(runtime: Runtime) -> None:
    async with runtime.unit_of_work() as uow:
        await outbox.enqueue(uow, kind="activation", message=MESSAGE)


async def test_without_smtp_each_mail_becomes_a_private_eml_file(runtime: Runtime) -> None:
    log = io.StringIO()
    configure_logging("INFO", stream=log)
    assert runtime.settings.smtp_url == ""
    await _queue(runtime)
    summary = await deliver_due(runtime, transport_for(runtime.settings))
    assert summary.sent == 1
    folder = runtime.settings.mail_path
    [path] = list(folder.glob("*.eml"))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    mail = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert (mail["To"], mail["From"], mail["Subject"]) == (
        RECIPIENT,
        DEVELOPMENT_SENDER,
        MESSAGE.subject,
    )
    # The log names the file, never what is in it.
    lines = log.getvalue()
    assert str(path.resolve()) in lines
    assert RECIPIENT not in lines and "link" not in lines


async def test_a_request_goes_through_while_the_smtp_server_hangs(
    client: AsyncClient, runtime: Runtime
) -> None:
    admin = await create_account(runtime, Role.ADMIN)
    headers = await auth_headers(runtime, admin)
    async with hanging_server() as server:
        runtime.settings = replace(runtime.settings, smtp_url=f"smtp://{HOST}:{server.port}")
        await _queue(runtime)
        delivering = asyncio.create_task(deliver_due(runtime, transport_for(runtime.settings)))
        await asyncio.wait_for(server.connected.wait(), STUCK_SECONDS)
        # The sender now waits on the server. A change that queues a mail still commits (on
        # SQLite it needs the one connection: the sender holds none while it waits), and the
        # administrator's list answers.
        await asyncio.wait_for(_queue(runtime), STUCK_SECONDS)
        response = await asyncio.wait_for(
            client.get("/api/v1/mail", headers=headers), STUCK_SECONDS
        )
        assert response.status_code == 200
        statuses = sorted(item["status"] for item in response.json()["items"])
        assert statuses == ["queued", "sending"]
        server.close()
        summary = await asyncio.wait_for(delivering, STUCK_SECONDS)
    assert (summary.sent, summary.retrying) == (0, 2)  # both wait for their next attempt
