"""The data protection officer's list of duplicate checks: who checked, when, why (the stated
reason, decrypted for this review) and which lead organisations the answer named."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.service import duplicates
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web.pages import render

PAGE_SIZE = 50


class DpoDuplicatePages(Controller):
    """The functionaris voor gegevensbescherming reviews the duplicate checks."""

    include_in_schema = False

    @get("/fg/dubbelcontroles", opt={"action": Action.REVIEW_DUPLICATE_CHECK_LIST})
    async def checks(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The checks, newest first; ``na`` (the opaque cursor) shows the next page."""
        after = request.query_params.get("na") or None
        try:
            page = await caller.run(duplicates.list_duplicate_checks, after=after, limit=PAGE_SIZE)
        except ValidationFailed:  # a cursor we did not make: start at the newest
            after = None
            page = await caller.run(duplicates.list_duplicate_checks, after=None, limit=PAGE_SIZE)
        return render(
            request, "dpo/duplicate_checks.html", items=page.items, next=page.next, first=not after
        )
