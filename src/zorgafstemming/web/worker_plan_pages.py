"""The social worker's page of a file's family plan: the goals and actions their organisation's
consent covers, and forms to add a goal, add an action and change an action's status; and their
choice of the daily task mail. Every decision (consent, owner, status) is the plan service's."""

from __future__ import annotations

import uuid
from typing import Any, cast

from litestar import Controller, Request, get
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.plan_schemas import GoalIn, PlanActionIn, PlanStatus, PlanStatusIn
from zorgafstemming.coordination.service import assignments, digest, files, plan, plan_reading
from zorgafstemming.coordination.service.errors import ConsentRequired
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import organisations as identity_organisations
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError, ForbiddenError, NotFoundError, ValidationFailed
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import ERROR as DATE_ERROR
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.forms import FormData, field_errors, read_form
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other

STATUS_LABELS = labels.PLAN_STATUSES
CONSENT_ERROR = (
    "De toestemming dekt deze soort gegevens of deze gezinsleden niet voor uw organisatie."
)
OWNER_CONSENT_ERROR = (
    "De toestemming dekt deze soort gegevens of deze gezinsleden niet voor de organisatie die "
    "de actie op zich neemt."
)
MESSAGES = {
    "title": "Beschrijf het doel in de woorden van het gezin.",
    "description": "Beschrijf de actie.",
    "about": "Kies over wie het gaat.",
    "category": "Kies een soort gegevens van het plan.",
    "owner_organisation_id": "Kies een partner van dit dossier.",
    "assignee_account_id": "Kies een medewerker van die partner die aan het dossier werkt.",
    "reason": "Zeg waarom de actie stopgezet wordt.",
}


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def _about(form: FormData, name: str = "about") -> list[uuid.UUID] | None:
    """The members a form names (None when one is not an id)."""
    try:
        return [uuid.UUID(v) for v in form.getall(name)]
    except ValueError:
        return None


def _action_in(form: FormData, errors: dict[str, str]) -> PlanActionIn | None:
    """The action the form describes; None (and ``errors`` filled) when it does not."""
    about = _about(form, "a_about")
    description = form.get("a_description").strip()
    if not description:
        errors["description"] = MESSAGES["description"]
    if not about:
        errors["about"] = MESSAGES["about"]
    due = parse_day(form.get("a_due_on")) if form.get("a_due_on") else None
    if form.get("a_due_on") and due is None:
        errors["due_on"] = DATE_ERROR
    owner = form.get("a_owner")
    family = owner in ("", "familie")
    owner_id = None if family else _uuid(owner)
    assignee = _uuid(form.get("a_assignee")) if form.get("a_assignee") and not family else None
    if not family and owner_id is None:
        errors["owner_organisation_id"] = MESSAGES["owner_organisation_id"]
    if errors or not about:
        return None
    return PlanActionIn(
        description=description,
        about=about,
        owner="family" if family else "organisation",
        owner_organisation_id=owner_id,
        assignee_account_id=assignee,
        due_on=due,
        category=form.get("a_category") or None,
        confidential=form.has("a_confidential"),
    )


class WorkerPlanPages(Controller):
    """The family plan of one file, for the social worker (hulpverlener)."""

    include_in_schema = False

    async def _plan_page(
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
            view = await files.read_file(uow, caller.principal, caller.ctx, file_id)
            shown = await plan_reading.read_plan(uow, caller.principal, caller.ctx, file_id)
            organisations = await identity_organisations.list_organisations(uow)
            team = await assignments.list_assignments(uow, caller.principal, caller.ctx, file_id)
        vocab = vocabulary()
        names = member_names(view.members)
        partners = set(view.participants)
        own = caller.principal.organisation_id
        return render(
            request,
            "worker/plan.html",
            status=status,
            errors=errors or {},
            form=form or {},
            file=view,
            plan=shown,
            member_name=names,
            about_options=[(str(m.id), names[m.id]) for m in view.members if m.visible],
            organisation_name={o.id: o.name for o in organisations},
            owner_options=[("familie", "Het gezin zelf")]
            + [(str(o.id), o.name) for o in organisations if o.id in partners],
            own_organisation=str(own),
            workers=[("", "Niemand in het bijzonder")]
            + [(str(a.account_id), a.email or str(a.account_id)) for a in team.items],
            categories=[(c, vocab.labels.get(c, c)) for c in plan_rules.PLAN_CATEGORIES],
            vocab_label=vocab.labels,
            status_label=STATUS_LABELS,
            next_statuses={
                s: [(n, STATUS_LABELS[n]) for n in STATUS_LABELS if plan_rules.may_move(s, n)]
                for s in STATUS_LABELS
            },
            withheld=[vocab.labels.get(c, c) for c in shown.withheld_categories],
            goal_options=[(str(g.id), g.title[:80]) for g in shown.goals],
            is_lead=view.lead_organisation_id == own,
        )

    @get("/dossiers/{file_id:uuid}/plan", opt={"action": Action.COORDINATION_PLAN_READ})
    async def read_plan(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Template:
        """The file's family plan as the caller's organisation may see it, with its forms."""
        return await self._plan_page(request, caller, file_id)

    @form_post("/dossiers/{file_id:uuid}/plan/doelen", Action.COORDINATION_PLAN_GOAL_CREATE)
    async def add_goal(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Add a goal."""
        form = await read_form(request)
        echo: dict[str, Any] = {**form.echo("title", "category"), "about": form.getall("about")}
        about = _about(form)
        errors: dict[str, str] = {}
        if not form.get("title").strip():
            errors["title"] = MESSAGES["title"]
        if not about:
            errors["about"] = MESSAGES["about"]
        if not errors and about:
            data = GoalIn(
                title=form.get("title").strip(),
                about=about,
                category=form.get("category") or None,
                confidential=form.has("confidential"),
            )
            try:
                await caller.run(plan.add_goal, file_id, data)
            except ConsentRequired:
                errors["about"] = CONSENT_ERROR
            except (ValidationFailed, ConflictError) as exc:
                errors = field_errors(exc, MESSAGES, "title")
            else:
                return see_other(f"/dossiers/{file_id}/plan", "plan-doel-toegevoegd")
        return await self._plan_page(request, caller, file_id, errors=errors, form=echo, status=422)

    @form_post("/dossiers/{file_id:uuid}/plan/acties", Action.COORDINATION_PLAN_ACTION_CREATE)
    async def add_action(
        self, request: Request[Any, Any, Any], file_id: uuid.UUID, caller: Caller
    ) -> Redirect | Template:
        """Add an action towards a goal (its fields are named ``a_*``: the goal form on the
        same page has fields of the same names)."""
        form = await read_form(request)
        names = ("a_goal", "a_description", "a_owner", "a_assignee", "a_due_on", "a_category")
        echo: dict[str, Any] = {**form.echo(*names), "a_about": form.getall("a_about")}
        errors: dict[str, str] = {}
        data = _action_in(form, errors)
        goal_id = _uuid(form.get("a_goal"))
        if goal_id is None:
            errors["goal"] = "Kies het doel waar de actie bij hoort."
        if not errors and data is not None and goal_id is not None:
            try:
                await caller.run(plan.add_plan_action, file_id, goal_id, data)
            except ConsentRequired as exc:
                errors["about"] = OWNER_CONSENT_ERROR if "owner" in exc.detail else CONSENT_ERROR
            except NotFoundError:
                errors["goal"] = "Kies het doel waar de actie bij hoort."
            except (ValidationFailed, ConflictError) as exc:
                errors = field_errors(exc, MESSAGES, "description")
            else:
                return see_other(f"/dossiers/{file_id}/plan", "plan-actie-toegevoegd")
        renamed = {"owner_organisation_id": "owner", "assignee_account_id": "assignee"}
        errors = {f"a_{renamed.get(k, k)}": v for k, v in errors.items()}
        return await self._plan_page(request, caller, file_id, errors=errors, form=echo, status=422)

    @form_post(
        "/dossiers/{file_id:uuid}/plan/acties/{action_id:uuid}/stand",
        Action.COORDINATION_PLAN_ACTION_STATUS,
    )
    async def change_status(
        self,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        action_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        """Change an action's status (a reason when it is dropped)."""
        form = await read_form(request)
        chosen = form.get("status")
        status = cast(PlanStatus, chosen) if chosen in STATUS_LABELS else None
        reason = form.get("reason").strip() or None
        key = f"a{action_id}"
        errors: dict[str, str] = {}
        if status is None:
            errors[key] = "Kies een nieuwe stand."
        elif chosen == "dropped" and reason is None:
            errors[key] = MESSAGES["reason"]
        else:
            try:
                await caller.run(
                    plan.change_status,
                    file_id,
                    action_id,
                    PlanStatusIn(status=status, reason=reason),
                )
            except ForbiddenError:
                errors[key] = "Alleen de organisatie van de actie of de leidende organisatie."
            except ConflictError:
                errors[key] = "Een afgeronde actie verandert niet meer; voeg een nieuwe toe."
            except (ValidationFailed, NotFoundError, ConsentRequired):
                errors[key] = "Deze stand kan niet bewaard worden."
            else:
                return see_other(f"/dossiers/{file_id}/plan", "plan-stand-gewijzigd")
        return await self._plan_page(request, caller, file_id, errors=errors, status=422)


class TaskDigestPages(Controller):
    """The worker's choice of the daily task mail, on their account page."""

    include_in_schema = False

    @form_post("/beveiliging/takenmail", Action.COORDINATION_TASK_DIGEST_SET)
    async def set_digest(self, request: Request[Any, Any, Any], caller: Caller) -> Redirect:
        """Turn the daily task mail on (``aan=ja``) or off."""
        form = await read_form(request)
        await caller.run(digest.set_task_digest, form.get("aan") == "ja")
        return see_other("/beveiliging", "takenmail-bewaard")
