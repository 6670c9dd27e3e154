"""The social worker's pages about files in general: the dashboard, the guided form to open a
file, and notifications. Every decision (consent, lead, categories) is the coordination
service's; the pages of one file are in ``worker_file_pages``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec
from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.accessreview import attestation
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.schemas import FileCreate, FileView
from zorgafstemming.coordination.service import (
    assignments,
    file_opening,
    files,
    referrals,
    tasks,
)
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.service.notifications import list_notifications
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_MAX
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.forms import FormData, read_form
from zorgafstemming.web.pages import form_post, render, see_other
from zorgafstemming.web.worker_forms import (
    ADD_ROW,
    NOTICE_VERSION,
    WITH_SCAN,
    build_file_create,
    category_options,
    file_create_errors,
    member_row_count,
    msgspec_path,
    posted_scan,
    problem_fields,
    purpose_options,
    staged_scan,
)


def _form_values(form: FormData) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The open-a-file form's values and selections, to show the form again as it was sent."""
    values: dict[str, Any] = {}
    for row in range(1, member_row_count(form) + 1):
        for name in ("role", *labels.MEMBER_FIELDS):
            values[f"m{row}_{name}"] = form.get(f"m{row}_{name}")
    for name in ("given_by", "legal_basis", "valid_until"):
        values[f"c_{name}"] = form.get(f"c_{name}")
    values["c_notice_version"] = form.get("c_notice_version") or NOTICE_VERSION
    selected = {
        name: form.getall(f"c_{name}")
        for name in ("members", "recipients", "purposes", "categories")
    }
    return values, selected


async def dashboard_page(
    request: Request[Any, Any, Any],
    caller: Caller,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> Template:
    """The worker's files; for a coordinator also the organisation's files nobody assigned
    them to, each with only a form to assign a colleague (``errors`` by file id)."""
    chosen = request.query_params.get("volgorde") or ""
    order: files.FileOrder = "opened" if chosen == "geopend" else "activity"
    after = request.query_params.get("na") or None
    async with caller.unit_of_work() as uow:
        try:
            page = await files.list_files(
                uow,
                caller.principal,
                caller.ctx,
                after=after,
                limit=DASHBOARD_PAGE,
                with_unassigned=True,
                order=order,
            )
        except ValidationFailed:  # a cursor we did not make: start at the beginning
            after = None
            page = await files.list_files(
                uow,
                caller.principal,
                caller.ctx,
                after=None,
                limit=DASHBOARD_PAGE,
                with_unassigned=True,
                order=order,
            )
        organisations = await identity_organisations.list_organisations(uow)
        open_referrals = await referrals.open_referral_count(uow, caller.principal)
        unassigned = [f for f in page.items if not f.assigned]
        colleagues = (
            await assignments.assignable_colleagues(uow, caller.principal, caller.ctx)
            if unassigned
            else []
        )
        access_review_open = await attestation.open_items_for(uow, caller.principal)
        # Tasks hold no case content: the files list above records this request's event.
        waiting = await tasks.collect_tasks(uow, caller.principal)
    today = plan_rules.local_today(caller.runtime.clock())
    return render(
        request,
        "worker/dashboard.html",
        status=status,
        errors=errors or {},
        files=[f for f in page.items if f.assigned],
        unassigned=unassigned,
        colleagues=[(str(c.account_id), c.email or str(c.account_id)) for c in colleagues],
        organisation_name={o.id: o.name for o in organisations},
        status_label=labels.FILE_STATUSES,
        own_organisation=caller.principal.organisation_id,
        open_referrals=open_referrals,
        access_review_open=access_review_open,
        tasks=[tasks.task_view(caller.runtime, t, today) for t in waiting[:DASHBOARD_TASKS]],
        more_tasks=max(0, len(waiting) - DASHBOARD_TASKS),
        task_label=labels.TASK_KINDS,
        role_label=ROLE_LABELS,
        orders=list(ORDERS.items()),
        order="geopend" if order == "opened" else "activiteit",
        next=page.next,
        first=after is None,
    )


# How many files one page of the dashboard lists.
DASHBOARD_PAGE = 25
# How many tasks the dashboard shows (soonest due first); the API pages through all.
DASHBOARD_TASKS = 20
# The dashboard's orders, as the query parameter ``volgorde`` names them.
ORDERS = {"activiteit": "Laatste activiteit", "geopend": "Datum van opening"}
# The caller's organisation's role on a file.
ROLE_LABELS = {"lead": "Leidende organisatie", "partner": "Partner"}


class WorkerPages(Controller):
    """Pages of the social worker (hulpverlener) about their files in general."""

    include_in_schema = False

    @get("/dossiers", opt={"action": Action.COORDINATION_FILE_LIST})
    async def dashboard(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The files the worker is assigned to (and, for a coordinator, the organisation's
        other files, to assign a colleague)."""
        return await dashboard_page(request, caller)

    async def _new_file_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        *,
        form: FormData | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            organisations = await identity_organisations.list_organisations(uow)
        rows = member_row_count(form)
        if form is not None:
            values, selected = _form_values(form)
        else:
            default_end = caller.runtime.clock().date() + timedelta(days=365)
            values = {
                "c_notice_version": NOTICE_VERSION,
                "c_legal_basis": "consent",
                "c_valid_until": default_end,
            }
            selected = {
                "members": [],
                "recipients": [str(caller.principal.organisation_id)],
                "purposes": ["care_coordination"],
                "categories": [],
            }
        return render(
            request,
            "worker/new_file.html",
            status=status,
            errors=errors or {},
            values=values,
            selected=selected,
            rows=list(range(1, rows + 1)),
            row_count=rows,
            add_row=ADD_ROW,
            member_roles=list(labels.MEMBER_ROLES.items()),
            member_refs=[(f"m{r}", f"Gezinslid {r}") for r in range(1, rows + 1)],
            organisations=[(str(o.id), o.name) for o in organisations],
            purposes=purpose_options(),
            categories=category_options(),
            legal_bases=list(labels.LEGAL_BASES.items()),
        )

    @get("/dossiers/nieuw", opt={"action": Action.COORDINATION_FILE_CREATE})
    async def new_file_form(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The guided form: the family's members, then the consent they gave."""
        return await self._new_file_page(request, caller)

    @form_post(
        "/dossiers/nieuw",
        Action.COORDINATION_FILE_CREATE,
        # The form carries the scan of the signed form (at most 10 MB) besides its fields.
        request_max_body_size=WITH_SCAN,
    )
    async def open_file(
        self, request: Request[Any, Any, Any], caller: Caller
    ) -> Redirect | Template:
        """Store the scan of the signed form, record the consent and open the file in one unit
        of work (nothing is stored on refusal)."""
        form = await read_form(request)
        if form.get("actie") == ADD_ROW:  # one more member block, nothing stored yet
            return await self._new_file_page(request, caller, form=form)
        raw, errors = build_file_create(form)
        scan = await posted_scan(request, "c_evidence", errors, required=True)
        data: FileCreate | None = None
        if not errors:
            try:
                data = msgspec.convert(raw, FileCreate)
            except msgspec.ValidationError as exc:
                errors = file_create_errors([(msgspec_path(exc), str(exc))])
        if data is not None and scan is not None:
            try:
                async with caller.unit_of_work() as uow:
                    data.consents[0].evidence_id = await staged_scan(uow, caller, scan)
                    view: FileView = await file_opening.open_file(
                        uow, caller.principal, caller.ctx, data
                    )
            except ConsentRequired:
                errors = {
                    "c_recipients": (
                        "Een dossier opent alleen met een toestemming die uw eigen organisatie "
                        "noemt, voor de afstemming van hulp. Vink uw organisatie en dat doel aan."
                    )
                }
            except ValidationFailed as exc:
                errors = file_create_errors(problem_fields(exc))
            else:
                return see_other(f"/dossiers/{view.id}", "dossier-geopend")
        return await self._new_file_page(request, caller, form=form, errors=errors, status=422)

    @get("/meldingen", opt={"action": Action.COORDINATION_NOTIFICATION_LIST})
    async def notifications(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """Notices of consent changes and other events on the organisation's files."""
        page = await caller.run(list_notifications, limit=PAGE_MAX)
        return render(
            request,
            "worker/notifications.html",
            notifications=page.items,
            notification_label=labels.NOTIFICATIONS,
        )
