"""Deciding account change requests: the DPO's page ``/fg/accountwijzigingen``, and the approve
and reject buttons that both this page and the administrator's accounts page post to.

The person who asked, and the holder of the account a request changes, see no buttons; Cedar
refuses them anyway (403).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import account_changes, organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.schemas import AccountChangeOut
from zorgafstemming.problems import ConflictError, ValidationFailed
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web import labels
from zorgafstemming.web.pages import form_post, render, see_other

PAGE_SIZE = 50
DPO_PAGE = "/fg/accountwijzigingen"
# Approve or reject: what both buttons call, with the same arguments.
DecideChange = Callable[
    [UnitOfWork, AuditContext, Principal, uuid.UUID], Awaitable[AccountChangeOut]
]


class AccountChangePages(Controller):
    """Privileged account changes waiting for a second person, and their decisions."""

    include_in_schema = False

    @get(DPO_PAGE, opt={"action": Action.IDENTITY_ACCOUNT_CHANGE_LIST})
    async def changes(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The requests newest first ("Accountwijzigingen"); an open one is at most a week old,
        so it is on the first page. ``na`` (the opaque cursor) shows the next page."""
        after = request.query_params.get("na") or None
        async with caller.unit_of_work() as uow:
            # The list shows e-mail addresses: the read is audited like the API's.
            try:
                page = await account_changes.list_changes_audited(
                    uow, caller.ctx, pending_only=False, limit=PAGE_SIZE, after=after
                )
            except ValidationFailed:  # a cursor we did not make: start at the newest
                after = None
                page = await account_changes.list_changes_audited(
                    uow, caller.ctx, pending_only=False, limit=PAGE_SIZE
                )
            partners = await organisations.list_organisations(uow)
        me = caller.principal.account_id
        return render(
            request,
            "dpo/account_changes.html",
            changes=[(c, account_changes.involves(c, me)) for c in page.items],
            next=page.next,
            first=after is None,
            kind_label=labels.ACCOUNT_CHANGE_KINDS,
            status_label=labels.ACCOUNT_CHANGE_STATUSES,
            role_label=labels.ROLES,
            organisation_name={o.id: o.name for o in partners},
        )

    @staticmethod
    def _back(caller: Caller) -> str:
        return "/beheer/accounts" if caller.principal.role is Role.ADMIN else DPO_PAGE

    async def _decide(
        self, caller: Caller, change_id: uuid.UUID, decide: DecideChange, done: str
    ) -> Redirect:
        """Carry out ``decide`` on the request and go back with ``done``, or with the notice that
        the request is no longer open (decided by someone else meanwhile, or expired)."""
        try:
            async with caller.unit_of_work() as uow:
                await decide(uow, caller.ctx, caller.principal, change_id)
        except ConflictError:
            return see_other(self._back(caller), "wijziging-niet-open")
        return see_other(self._back(caller), done)

    @form_post(
        "/accountwijzigingen/{change_id:uuid}/goedkeuren", Action.IDENTITY_ACCOUNT_CHANGE_APPROVE
    )
    async def approve(self, change_id: uuid.UUID, caller: Caller) -> Redirect:
        """Approve a request; it is carried out at once."""
        return await self._decide(
            caller, change_id, account_changes.approve, "wijziging-goedgekeurd"
        )

    @form_post(
        "/accountwijzigingen/{change_id:uuid}/afwijzen", Action.IDENTITY_ACCOUNT_CHANGE_REJECT
    )
    async def reject(self, change_id: uuid.UUID, caller: Caller) -> Redirect:
        """Reject a request; nothing changes."""
        return await self._decide(caller, change_id, account_changes.reject, "wijziging-afgewezen")
