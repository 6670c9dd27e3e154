"""HTML routes of the web interface (Dutch, server-rendered, working without JavaScript)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Router, get
from litestar.response import Redirect, Response, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import PRINCIPAL_STATE_KEY, authenticate_connection
from zorgafstemming.problems import UnauthorizedError
from zorgafstemming.runtime import Runtime
from zorgafstemming.web.access_review_pages import CoordinatorReviewPages, DpoReviewPages
from zorgafstemming.web.account_change_pages import AccountChangePages
from zorgafstemming.web.admin_mail_pages import AdminMailPages
from zorgafstemming.web.admin_pages import AdminPages
from zorgafstemming.web.auth_pages import AuthPages
from zorgafstemming.web.dpo_audit_pages import DpoAuditPages
from zorgafstemming.web.dpo_consent_pages import DpoConsentPages
from zorgafstemming.web.dpo_duplicate_pages import DpoDuplicatePages
from zorgafstemming.web.dpo_erasure_pages import DpoErasurePages
from zorgafstemming.web.dpo_export_pages import DpoExportPages
from zorgafstemming.web.dpo_pages import DpoPages
from zorgafstemming.web.dpo_rights_pages import DpoRightsPages
from zorgafstemming.web.emergency_pages import DpoEmergencyPages, WorkerEmergencyPages
from zorgafstemming.web.family_consent_pages import FamilyConsentPages
from zorgafstemming.web.family_pages import FamilyPages
from zorgafstemming.web.meeting_pages import MeetingPages
from zorgafstemming.web.member_pages import FamilyCorrectionPages, WorkerMemberPages
from zorgafstemming.web.message_pages import FamilyMessagePages, WorkerMessagePages
from zorgafstemming.web.objection_pages import FamilyObjectionPages
from zorgafstemming.web.pages import render
from zorgafstemming.web.rights_pages import DpoRequestPages, FamilyRequestPages
from zorgafstemming.web.security_pages import SecurityPages
from zorgafstemming.web.worker_consent_pages import WorkerConsentPages
from zorgafstemming.web.worker_file_pages import WorkerFilePages
from zorgafstemming.web.worker_handover_pages import WorkerHandoverPages
from zorgafstemming.web.worker_pages import WorkerPages
from zorgafstemming.web.worker_plan_pages import TaskDigestPages, WorkerPlanPages
from zorgafstemming.web.worker_search_pages import WorkerSearchPages


class PublicPages(Controller):
    """Pages anyone may see: the start page and the sign-in form."""

    include_in_schema = False

    @get("/", opt={"action": Action.PUBLIC_PAGE_READ})
    async def start(self, request: Request[Any, Any, Any], runtime: Runtime) -> Template:
        """The start page: what the service promises, and the way in (or back home)."""
        principal = await authenticate_connection(request, runtime)
        if principal is not None:
            request.scope.setdefault("state", {})[PRINCIPAL_STATE_KEY] = principal
        return render(request, "start.html")

    @get("/favicon.ico", opt={"action": Action.PUBLIC_STATIC_READ})
    async def favicon(self) -> Redirect:
        """Browsers ask for /favicon.ico on pages without an icon link (error pages)."""
        return Redirect(path="/static/favicon.svg", status_code=308)

    @get("/aanmelden", opt={"action": Action.PUBLIC_PAGE_READ})
    async def signin_form(self, request: Request[Any, Any, Any]) -> Template:
        """The sign-in form: e-mail address, password and authenticator code."""
        return render(request, "signin.html")


def _to_sign_in(request: Request[Any, Any, Any], exc: UnauthorizedError) -> Response[Any]:
    """A page that needs a session sends the browser to the sign-in form instead of a 401."""
    return Redirect(path="/aanmelden", status_code=303)


ROUTES: list[Any] = [
    Router(
        path="/",
        route_handlers=[
            PublicPages,
            AuthPages,
            AdminPages,
            AccountChangePages,
            AdminMailPages,
            DpoPages,
            DpoErasurePages,
            DpoAuditPages,
            DpoConsentPages,
            DpoExportPages,
            DpoEmergencyPages,
            DpoRightsPages,
            WorkerPages,
            WorkerFilePages,
            WorkerPlanPages,
            TaskDigestPages,
            WorkerHandoverPages,
            MeetingPages,
            WorkerConsentPages,
            WorkerEmergencyPages,
            FamilyPages,
            FamilyConsentPages,
            SecurityPages,
            WorkerMemberPages,
            FamilyCorrectionPages,
            DpoReviewPages,
            CoordinatorReviewPages,
            WorkerSearchPages,
            DpoDuplicatePages,
            FamilyRequestPages,
            FamilyObjectionPages,
            DpoRequestPages,
            WorkerMessagePages,
            FamilyMessagePages,
        ],
        exception_handlers={UnauthorizedError: _to_sign_in},
        include_in_schema=False,
    )
]
