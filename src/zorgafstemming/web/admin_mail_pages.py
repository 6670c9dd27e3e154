"""Functional administration: the delivery state of outbound mail ("Verzonden e-mails")."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.mail.deliveries import list_deliveries
from zorgafstemming.web import labels
from zorgafstemming.web.pages import render

PAGE_SIZE = 100


class AdminMailPages(Controller):
    """Which mails the service sent and how delivery went; never a recipient or a text."""

    path = "/beheer"
    include_in_schema = False

    @get("/mail", opt={"action": Action.MAIL_OUTBOX_LIST})
    async def mail(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Mails newest first, one page at a time (``?vanaf=`` the offset)."""
        raw_offset = request.query_params.get("vanaf", "0")
        offset = int(raw_offset) if raw_offset.isdigit() and len(raw_offset) < 9 else 0
        async with caller.unit_of_work() as uow:
            listed = await list_deliveries(uow, caller.ctx, limit=PAGE_SIZE + 1, offset=offset)
        return render(
            request,
            "admin/mail.html",
            mails=listed[:PAGE_SIZE],
            next_offset=offset + PAGE_SIZE if len(listed) > PAGE_SIZE else None,
            kind_label=labels.MAIL_KINDS,
            status_label=labels.MAIL_STATUSES,
            error_label=labels.MAIL_ERRORS,
        )
