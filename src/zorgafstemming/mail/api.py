"""HTTP API of the mail package: the delivery state of the outbox, for the administrator."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, get
from litestar.params import Parameter

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.mail.deliveries import list_deliveries
from zorgafstemming.mail.schemas import MailPage
from zorgafstemming.paging_api import PageLimit


class MailController(Controller):
    """Delivery state of outbound mail, for the administrator: never a recipient or text."""

    path = "/mail"
    tags = ["mail"]

    @get("/", opt={"action": Action.MAIL_OUTBOX_LIST})
    async def list_mail(
        self,
        caller: Caller,
        limit: PageLimit = 50,
        offset: Annotated[int, Parameter(ge=0)] = 0,
    ) -> MailPage:
        """Mails newest first: kind, status, attempts, times and error class; never the
        recipient, subject or text (the read is audited)."""
        async with caller.unit_of_work() as uow:
            items = await list_deliveries(uow, caller.ctx, limit=limit, offset=offset)
        return MailPage(items=items, limit=limit, offset=offset)


ROUTES: list[Any] = [MailController]
