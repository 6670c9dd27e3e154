"""Every account's own security activity: family members at ``/mijn/beveiliging``, staff
(social workers, the DPO, administrators) at ``/beveiliging``."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.service.digest import task_digest_enabled
from zorgafstemming.identity import security_activity, sign_ins
from zorgafstemming.identity.auth import Caller
from zorgafstemming.identity.principal import Role
from zorgafstemming.web import labels
from zorgafstemming.web.pages import render

# The page shows the latest events; the API pages further back.
EVENTS_SHOWN = 50


async def _security_page(request: Request[Any, Any, Any], caller: Caller) -> Template | Redirect:
    """The caller's own activity; an account on the other role's address is sent to its own."""
    role = caller.principal.role
    own = sign_ins.security_page(role)
    if request.url.path != own:
        return Redirect(path=own, status_code=303)
    async with caller.unit_of_work() as uow:
        page = await security_activity.own_security_activity(
            uow, caller.principal, caller.ctx, limit=EVENTS_SHOWN
        )
        # A worker's account page also holds their choice of the daily task mail.
        digest = (
            await task_digest_enabled(uow, caller.principal.account_id)
            if role is Role.SOCIAL_WORKER
            else None
        )
    return render(
        request,
        "security.html",
        events=page.items,
        limit=EVENTS_SHOWN,
        contact=sign_ins.contact_for(role),
        event_label=labels.SECURITY_EVENTS,
        other_label=labels.SECURITY_EVENT_OTHER,
        digest=digest,
    )


class SecurityPages(Controller):
    """'Beveiliging van uw account', for every role."""

    include_in_schema = False

    @get("/mijn/beveiliging", opt={"action": Action.IDENTITY_SECURITY_LOG_READ})
    async def family_security(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Template | Redirect:
        """A family member's sign-ins, exports and account changes."""
        return await _security_page(request, caller)

    @get("/beveiliging", opt={"action": Action.IDENTITY_SECURITY_LOG_READ})
    async def staff_security(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Template | Redirect:
        """A staff member's sign-ins and account changes."""
        return await _security_page(request, caller)
