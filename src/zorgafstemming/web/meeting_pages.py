"""The social worker's meeting planner of one file: the file's case meetings, the form to plan
one (lead only), and per meeting its details, cancelling and the minutes with decisions."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.audit.references import file_reference
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.meeting_schemas import DecisionsToPlanIn, MeetingView
from zorgafstemming.coordination.service import (
    files,
    meeting_minutes,
    meeting_plan,
    meetings,
    plan_reading,
)
from zorgafstemming.coordination.service.errors import ConsentRequired, ForbiddenLead
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.paging import PAGE_MAX
from zorgafstemming.problems import ConflictError, NotFoundError, ProblemError, ValidationFailed
from zorgafstemming.web.forms import read_form
from zorgafstemming.web.meeting_forms import (
    AGENDA_ROWS,
    CLOCK_PATTERN,
    DECISION_ROWS,
    minutes_form,
    plan_errors,
    plan_form,
)
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other

STATUS_LABELS = {"planned": "Gepland", "held": "Gehouden", "cancelled": "Geannuleerd"}


class MeetingPages(Controller):
    """Pages of the social worker about a file's case meetings."""

    include_in_schema = False

    async def _planner(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            page = await meetings.list_meetings(
                uow, caller.principal, caller.ctx, file_id, limit=PAGE_MAX
            )
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            organisations = await identity_organisations.list_organisations(uow)
        names = {o.id: o.name for o in organisations}
        own = caller.principal.organisation_id
        return render(
            request,
            "worker/meetings.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            reference=file_reference(caller.runtime.secrets.audit_key, file_id),
            meetings=page.items,
            is_lead=view.lead_organisation_id == own,
            organisation_name=names,
            member_name=member_names(view.members),
            partner_options=[(str(o), names.get(o, str(o))) for o in view.participants if o != own],
            member_options=[(str(m.id), n) for m, n in _named(view)],
            agenda_rows=range(AGENDA_ROWS),
            clock_pattern=CLOCK_PATTERN,
            status_label=STATUS_LABELS,
        )

    @get("/dossiers/{file_id:uuid}/overleg", opt={"action": Action.COORDINATION_MEETING_LIST})
    async def planner(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The file's case meetings, and (for the lead) the form to plan one."""
        return await self._planner(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/overleg", Action.COORDINATION_MEETING_CREATE)
    async def plan(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Plan a meeting; the invitations are mailed."""
        data, errors, echo = plan_form(await read_form(request))
        if data is not None:
            try:
                await caller.run(meetings.plan_meeting, file_id, data)
            except meetings.InviteeWithoutConsent:
                errors = {
                    "organisaties": "Een gekozen partner werkt niet mee met toestemming voor "
                    "casusoverleg; die kunt u niet uitnodigen."
                }
            except ConsentRequired:
                errors = {
                    "agenda": "De toestemming dekt casusoverleg niet voor alle gezinsleden "
                    "waarover de agenda gaat."
                }
            except ForbiddenLead:
                errors = {"datum": "Alleen de leidende organisatie plant een casusoverleg."}
            except ValidationFailed as exc:
                errors = plan_errors(exc.extra.get("errors", []))
            else:
                return see_other(f"/dossiers/{file_id}/overleg", "overleg-gepland")
        return await self._planner(request, caller, file_id, errors=errors, form=echo, status=422)

    async def _meeting_page(
        self,
        request: Request[Any, Any, Any],
        caller: Caller,
        file_id: uuid.UUID,
        meeting_id: uuid.UUID,
        *,
        errors: dict[str, str] | None = None,
        form: dict[str, Any] | None = None,
        status: int = 200,
    ) -> Template:
        async with caller.unit_of_work() as uow:
            meeting = await meetings.read_meeting(
                uow, caller.principal, caller.ctx, file_id, meeting_id
            )
            organisations = await identity_organisations.list_organisations(uow)
        names = {o.id: o.name for o in organisations}
        own = caller.principal.organisation_id
        is_lead = meeting.organiser_organisation_id == own
        pending = meeting.minutes is not None and any(
            d.plan_action_id is None for d in meeting.minutes.decisions
        )
        goals: list[tuple[str, str]] = []
        if is_lead and pending:
            # The goals the decisions can go under: a read of the plan, recorded as such.
            try:
                async with caller.unit_of_work() as uow:
                    plan = await plan_reading.read_plan(uow, caller.principal, caller.ctx, file_id)
                goals = [(str(g.id), g.title) for g in plan.goals]
            except ProblemError:
                goals = []
        vocab = vocabulary()
        kind = vocab.entry_kinds[meeting_minutes.MINUTES_KIND]
        return render(
            request,
            "worker/meeting.html",
            status=status,
            errors=errors or {},
            form=form or {},
            meeting=meeting,
            reference=file_reference(caller.runtime.secrets.audit_key, file_id),
            is_lead=is_lead,
            may_write_minutes=is_lead and _may_write_minutes(meeting, caller),
            may_plan_decisions=is_lead and pending,
            goal_options=goals,
            organisation_name=names,
            owner_options=[("", "Kies…")]
            + [(str(o), names.get(o, str(o))) for o in meeting.organisations],
            category_options=[(c, vocab.labels.get(c, c)) for c in kind.categories],
            decision_rows=range(DECISION_ROWS),
            status_label=STATUS_LABELS,
            vocab_label=vocab.labels,
        )

    @get(
        "/dossiers/{file_id:uuid}/overleg/{meeting_id:uuid}",
        opt={"action": Action.COORDINATION_MEETING_READ},
    )
    async def meeting(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        meeting_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        """One meeting: when, where, who, the agenda, and the minutes with decisions."""
        return await self._meeting_page(request, caller, file_id, meeting_id)

    @form_post(
        "/dossiers/{file_id:uuid}/overleg/{meeting_id:uuid}/annuleren",
        Action.COORDINATION_MEETING_CANCEL,
    )
    async def cancel(self, file_id: uuid.UUID, meeting_id: uuid.UUID, caller: Caller) -> Redirect:
        """Cancel the meeting; every invitee is mailed the cancellation."""
        try:
            await caller.run(meetings.cancel_meeting, file_id, meeting_id)
        except ConflictError:
            return see_other(f"/dossiers/{file_id}/overleg/{meeting_id}", "overleg-niet-gepland")
        return see_other(f"/dossiers/{file_id}/overleg/{meeting_id}", "overleg-geannuleerd")

    @form_post(
        "/dossiers/{file_id:uuid}/overleg/{meeting_id:uuid}/verslag",
        Action.COORDINATION_MEETING_MINUTES,
    )
    async def minutes(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        meeting_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Record the minutes and the decisions."""
        data, errors, echo = minutes_form(await read_form(request))
        if data is not None:
            try:
                await caller.run(meeting_minutes.write_minutes, file_id, meeting_id, data)
            except ConsentRequired:
                errors = {
                    "categorie": "De toestemming dekt deze soort gegevens niet voor alle "
                    "uitgenodigde gezinsleden."
                }
            except ConflictError:
                errors = {
                    "verslag": "Dit overleg is geannuleerd, nog niet begonnen of heeft al "
                    "een verslag."
                }
            except ValidationFailed:
                errors = {"besluit_0_organisatie": "Kies een organisatie die meewerkt."}
            else:
                return see_other(f"/dossiers/{file_id}/overleg/{meeting_id}", "verslag-opgeslagen")
        return await self._meeting_page(
            request, caller, file_id, meeting_id, errors=errors, form=echo, status=422
        )

    @form_post(
        "/dossiers/{file_id:uuid}/overleg/{meeting_id:uuid}/naar-plan",
        Action.COORDINATION_MEETING_TO_PLAN,
    )
    async def to_plan(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        meeting_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Put the decisions that are not in the family plan yet under the goal chosen."""
        form = await read_form(request)
        page = f"/dossiers/{file_id}/overleg/{meeting_id}"
        try:
            goal_id = uuid.UUID(form.get("doel"))
        except ValueError:
            errors = {"doel": "Kies een doel van het gezinsplan."}
        else:
            try:
                await caller.run(
                    meeting_plan.decisions_to_plan,
                    file_id,
                    meeting_id,
                    DecisionsToPlanIn(goal_id=goal_id),
                )
            except ConsentRequired:
                errors = {
                    "doel": "De toestemming dekt dit doel niet voor elke organisatie die een "
                    "besluit opneemt."
                }
            except ConflictError:
                return see_other(page, "besluiten-al-in-plan")
            except NotFoundError:
                errors = {"doel": "Kies een doel van het gezinsplan van dit dossier."}
            else:
                return see_other(page, "besluiten-in-plan")
        echo = {"doel": form.get("doel")}
        return await self._meeting_page(
            request, caller, file_id, meeting_id, errors=errors, form=echo, status=422
        )


def _named(view: Any) -> list[tuple[Any, str]]:
    names = member_names(view.members)
    return [(m, names[m.id]) for m in view.members]


def _may_write_minutes(meeting: MeetingView, caller: Caller) -> bool:
    return (
        meeting.status == "planned"
        and not meeting.has_minutes
        and meeting.starts_at <= caller.runtime.clock()
    )
