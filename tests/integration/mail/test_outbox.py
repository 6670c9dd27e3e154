"""The outbox: a mail exists only when the change that causes it commits, and never in clear."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.factories.mail import queued_mails
from zorgafstemming.mail import outbox
from zorgafstemming.runtime import Runtime

MESSAGE = outbox.Message(
    to="canary-recipient@example.be", subject="Uw account", body="Open canary-link-7731"
)


async def test_mail_is_queued_with_the_change_and_stored_encrypted(rolled_back: Runtime) -> None:
    async with rolled_back.unit_of_work() as uow:
        await outbox.enqueue(uow, kind="activation", message=MESSAGE)
    assert await queued_mails(rolled_back, kind="activation") == [MESSAGE]
    async with rolled_back.unit_of_work() as uow:
        raw = (await uow.session.execute(text("SELECT * FROM outbound_mail"))).all()
    dump = repr(raw)
    assert "canary-recipient" not in dump and "canary-link" not in dump
    assert "queued" in dump


async def _queue_then_fail(runtime: Runtime) -> None:
    async with runtime.unit_of_work() as uow:
        await outbox.enqueue(uow, kind="activation", message=MESSAGE)
        raise LookupError("the change fails after the mail was queued")


async def test_a_refused_change_leaves_no_mail(rolled_back: Runtime) -> None:
    with pytest.raises(LookupError):
        await _queue_then_fail(rolled_back)
    assert await queued_mails(rolled_back) == []


def test_links_use_the_configured_base_url(rolled_back: Runtime) -> None:
    assert outbox.link(rolled_back, "/activeren") == "http://127.0.0.1:8000/activeren"
