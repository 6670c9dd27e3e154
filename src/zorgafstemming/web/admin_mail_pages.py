"""Functional administration: the delivery state of outbound mail ("Verzonden e-mails")."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.mail.deliveries import list_deliveries
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.pages import render

PAGE_SIZE = 100


class AdminMailPages(Controller):
    """Which mails the service sent and how delivery went; never a recipient or a text."""

    path = "/beheer"
    include_in_schema = False

    @get("/mail", opt={"action": Action.MAIL_OUTBOX_LIST})
    async def mail(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Mails newest first, one page at a time (``?na=`` the opaque cursor of the next)."""
        after = request.query_params.get("na") or None
        async with caller.unit_of_work() as uow:
            try:
                page = await list_deliveries(uow, caller.ctx, limit=PAGE_SIZE, after=after)
            except ValidationFailed:  # a cursor we did not make: start at the newest
                after = None
                page = await list_deliveries(uow, caller.ctx, limit=PAGE_SIZE)
        return render(
            request,
            "admin/mail.html",
            mails=page.items,
            next=page.next,
            first=after is None,
            kind_label=labels.MAIL_KINDS,
            status_label=labels.MAIL_STATUSES,
            error_label=labels.MAIL_ERRORS,
        )
