"""HTTP API of the mail package: the delivery state of the outbox, for the administrator."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.mail.deliveries import list_deliveries
from zorgafstemming.mail.schemas import MailPage
from zorgafstemming.paging_api import After, Limit


class MailController(Controller):
    """Delivery state of outbound mail, for the administrator: never a recipient or text."""

    path = "/mail"
    tags = ["mail"]

    @get("/", opt={"action": Action.MAIL_OUTBOX_LIST})
    async def list_mail(
        self,
        caller: Caller,
        limit: Limit,
        after: After,
    ) -> MailPage:
        """Mails newest first by (created_at, id): kind, status, attempts, times and error
        class; never the recipient, subject or text (the read is audited). Pass ``next`` as
        ``after`` for the next page."""
        async with caller.unit_of_work() as uow:
            return await list_deliveries(uow, caller.ctx, limit=limit, after=after)


ROUTES: list[Any] = [MailController]
