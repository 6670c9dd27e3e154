"""The data protection officer's pages: the audit trail (pseudonymous) with filters, the latest
signed checkpoint verified against the whole log, the retention schedule and legal holds."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, time, timedelta
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.bundle import (
    VerificationFailed,
    encode_bundle,
    export_bundle,
    verify_bundle,
)
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.service import (
    OUTCOMES,
    EventFilter,
    list_events,
    record,
)
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError, NotFoundError, ValidationFailed
from zorgafstemming.retention import service as retention
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other

PAGE_SIZE = 100
SCHEDULE_PAGE = 200
_REF = re.compile(r"[0-9a-f]{64}")


def _day(value: str, *, end: bool) -> datetime | None:
    """A date field as a UTC moment: the start of that day, or the start of the next one."""
    day = parse_day(value)
    if day is None:
        raise ValueError("not a day")
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return moment + timedelta(days=1) if end else moment


def parse_filter(params: Any) -> tuple[EventFilter, dict[str, str], dict[str, str]]:
    """The audit filter from the query, the values to show again, and Dutch errors per field."""
    values = {
        k: str(params.get(k, "")).strip()
        for k in ("van", "tot", "actie", "uitkomst", "dossier", "persoon")
    }
    errors: dict[str, str] = {}
    since = until = None
    for name, end in (("van", False), ("tot", True)):
        if values[name]:
            try:
                moment = _day(values[name], end=end)
            except ValueError:
                errors[name] = "Vul een datum in als dd/mm/jjjj, tussen 1900 en 2200."
                continue
            if end:
                until = moment
            else:
                since = moment
    if values["actie"] and values["actie"] not in {a.value for a in Action}:
        errors["actie"] = "Kies een actie uit de lijst."
    if values["uitkomst"] and values["uitkomst"] not in OUTCOMES:
        errors["uitkomst"] = "Kies een uitkomst uit de lijst."
    for name in ("dossier", "persoon"):
        if values[name] and not _REF.fullmatch(values[name]):
            errors[name] = "Een referentie bestaat uit 64 tekens (0-9, a-f)."
    flt = EventFilter(
        since=since,
        until=until,
        action=values["actie"] or None,
        outcome=values["uitkomst"] or None,
        file_ref=values["dossier"] or None,
        actor_ref=values["persoon"] or None,
    )
    return flt, values, errors


class DpoPages(Controller):
    """Pages of the functionaris voor gegevensbescherming."""

    path = "/fg"
    include_in_schema = False

    @get("/audit", opt={"action": Action.AUDIT_EVENT_LIST})
    async def audit_events(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The audit trail, filtered by period, action, outcome, file or person reference."""
        flt, values, errors = parse_filter(request.query_params)
        events: list[Any] = []
        if not errors:
            async with caller.unit_of_work() as uow:
                events = await list_events(uow, flt, limit=PAGE_SIZE)
                await record(
                    uow, caller.ctx, Action.AUDIT_EVENT_LIST, "allowed", object_type="audit_events"
                )
        return render(
            request,
            "dpo/audit.html",
            status=422 if errors else 200,
            errors=errors,
            form=values,
            events=events,
            page_size=PAGE_SIZE,
            actions=[("", "Alle acties")] + [(a.value, a.value) for a in sorted(Action)],
            outcomes=[("", "Alle uitkomsten"), *labels.AUDIT_OUTCOMES.items()],
            outcome_label=labels.AUDIT_OUTCOMES,
            role_label=labels.ROLES,
        )

    @get("/controle", opt={"action": Action.AUDIT_CHECKPOINT_READ})
    async def verification(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """The latest signed checkpoint, with the whole sealed log checked against it."""
        verifier = Signer(caller.runtime.secrets.signing_seed).verifier
        async with caller.unit_of_work() as uow:
            bundle = await export_bundle(
                uow.session, caller.runtime.secrets.signing_seed, caller.runtime.clock()
            )
            await record(
                uow,
                caller.ctx,
                Action.AUDIT_CHECKPOINT_READ,
                "allowed",
                object_type="audit_checkpoint",
            )
        latest = bundle.checkpoints[-1] if bundle.checkpoints else None
        report = problem = None
        if latest is not None:
            try:
                # The same offline check `zorgafstemming audit verify` makes, with our own key.
                report = verify_bundle(encode_bundle(bundle), public_key=verifier.vkey())
            except VerificationFailed as exc:
                problem = str(exc)
        return render(
            request,
            "dpo/verify.html",
            latest=latest,
            report=report,
            problem=problem,
            vkey=verifier.vkey(),
        )

    @get("/bewaring", opt={"action": Action.RETENTION_DUE_LIST})
    async def retention_schedule(self, request: Request[Any, Any, Any], caller: Caller) -> Template:
        """What falls due for purge or review, when and under which rule; holds per file.
        ``na`` (the opaque cursor) shows the next page."""
        after = request.query_params.get("na") or None
        schedule = request.app.state.retention_schedule
        async with caller.unit_of_work() as uow:
            try:
                view = await retention.due_schedule(
                    uow, caller.ctx, schedule, limit=SCHEDULE_PAGE, after=after
                )
            except ValidationFailed:  # a cursor we did not make: start at the earliest
                after = None
                view = await retention.due_schedule(uow, caller.ctx, schedule, limit=SCHEDULE_PAGE)
        return render(
            request,
            "dpo/retention.html",
            view=view,
            first=after is None,
            action_label=labels.RETENTION_ACTIONS,
            reasons=list(labels.HOLD_REASONS.items()),
        )

    @form_post("/bewaring/{file_id:uuid}/blokkering", Action.RETENTION_HOLD_PLACE)
    async def place_hold(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect:
        """Place a legal hold: the file is not purged while the hold stands."""
        form = await read_form(request)
        reason = form.get("reason_code")
        if reason not in labels.HOLD_REASONS:
            reason = "other"
        note = form.get("note")[:2000] or None
        try:
            async with caller.unit_of_work() as uow:
                await retention.place_hold(
                    uow,
                    caller.ctx,
                    actor_id=caller.principal.account_id,
                    file_id=file_id,
                    reason_code=reason,
                    note=note,
                )
        except ConflictError:
            return see_other("/fg/bewaring", "blokkering-bestaat")
        return see_other("/fg/bewaring", "blokkering-geplaatst")

    @form_post("/bewaring/{file_id:uuid}/blokkering/opheffen", Action.RETENTION_HOLD_LIFT)
    async def lift_hold(self, file_id: uuid.UUID, caller: Caller) -> Redirect:
        """Lift the file's legal hold; a file past its date is purged by the next run."""
        try:
            async with caller.unit_of_work() as uow:
                await retention.lift_hold(
                    uow, caller.ctx, actor_id=caller.principal.account_id, file_id=file_id
                )
        except NotFoundError:
            return see_other("/fg/bewaring", "geen-blokkering")
        return see_other("/fg/bewaring", "blokkering-opgeheven")
