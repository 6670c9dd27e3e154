"""The data protection officer's pages: the latest signed checkpoint verified against the whole
log, the retention schedule in plain Dutch and legal holds (the audit trail: dpo_audit_pages)."""

from __future__ import annotations

import uuid
from datetime import timedelta
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
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError, NotFoundError, ValidationFailed
from zorgafstemming.retention import service as retention
from zorgafstemming.retention.next_run import run_times
from zorgafstemming.retention.service import RuleCount
from zorgafstemming.web import labels
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.pages import form_post, render, see_other
from zorgafstemming.web.retention_view import rule_text

SCHEDULE_PAGE = 200


class DpoPages(Controller):
    """Pages of the functionaris voor gegevensbescherming."""

    path = "/fg"
    include_in_schema = False

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
        settings = caller.runtime.settings
        async with caller.unit_of_work() as uow:
            try:
                view, counts = await retention.due_schedule_with_counts(
                    uow, caller.ctx, schedule, limit=SCHEDULE_PAGE, after=after
                )
            except ValidationFailed:  # a cursor we did not make: start at the earliest
                after = None
                view, counts = await retention.due_schedule_with_counts(
                    uow, caller.ctx, schedule, limit=SCHEDULE_PAGE
                )
            last_run, next_run = await run_times(
                uow, timedelta(seconds=settings.retention_period_seconds)
            )
        rules = [
            (rule, rule_text(rule), counts.get(rule.id, RuleCount())) for rule in schedule.rules
        ]
        return render(
            request,
            "dpo/retention.html",
            view=view,
            first=after is None,
            action_label=labels.RETENTION_ACTIONS,
            reasons=list(labels.HOLD_REASONS.items()),
            rules=rules,
            rule_label={rule.id: text for rule, text, _ in rules},
            last_run=last_run,
            next_run=next_run,
            scheduler_on=settings.scheduler_enabled,
            file_ref=lambda file_id: file_reference(caller.runtime.secrets.audit_key, file_id),
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
