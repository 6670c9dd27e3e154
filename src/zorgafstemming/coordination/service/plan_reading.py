"""Reading the family plan for the partners: the plan as it stands and its history, each
item shown only where the reader's consent covers its category for every member it is about
(the categories of the others named as withheld, as for the journal)."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import plan_rules
from zorgafstemming.coordination.plan_models import PlanEvent
from zorgafstemming.coordination.plan_schemas import PlanEventPage, PlanGoalView, PlanView
from zorgafstemming.coordination.service import plan_rows
from zorgafstemming.coordination.service.gate import gate_for
from zorgafstemming.coordination.service.plan import covered_for
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork


async def read_plan(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, file_id: uuid.UUID
) -> PlanView:
    """The plan as the caller may see it: goals and actions whose category the consent covers
    for every member they are about; of the others only their categories.

    Not paged: a plan is bounded (``plan_rules.MAX_GOALS`` goals of at most
    ``MAX_ACTIONS_PER_GOAL`` actions each, refused beyond with 409 ``plan-full``) and is read
    as one whole, like a file's assignments."""
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_PLAN_READ, file_id)
    facts = gate.facts
    if facts is None or not gate.visible or not gate.allowed or facts.key is None:
        await gate.refuse(NotFoundError("No such file."))
    organisation = principal.organisation_id
    assert organisation is not None
    mine = covered_for(facts, organisation, uow)
    rows = await plan_rows.plan_rows(uow.session, file_id)
    cipher, key = uow.runtime.cipher, facts.key
    today = plan_rules.local_today(uow.runtime.clock())
    shown: set[str] = set()
    withheld: set[str] = set()
    goals: list[PlanGoalView] = []
    for goal in rows.goals:
        about = rows.goal_about.get(goal.id, [])
        actions = rows.actions.get(goal.id, [])
        if not plan_rules.covered(mine, goal.category, about):
            withheld.add(goal.category)
            withheld.update(a.category for a in actions)
            continue
        shown.add(goal.category)
        views = []
        for action in actions:
            action_about = rows.action_about.get(action.id, [])
            if plan_rules.covered(mine, action.category, action_about):
                views.append(plan_rows.action_view(cipher, key, action, action_about, today))
                shown.add(action.category)
            else:
                withheld.add(action.category)
        goals.append(
            PlanGoalView(
                id=goal.id,
                title=cipher.decrypt(
                    key,
                    table="plan_goals",
                    column="title_enc",
                    row_id=goal.id,
                    blob=goal.title_enc,
                ),
                about=about,
                category=goal.category,
                confidential=goal.confidential,
                created_by_organisation_id=goal.created_by_organisation_id,
                created_at=goal.created_at,
                actions=views,
                withheld_actions=len(actions) - len(views),
                comments=[
                    plan_rows.comment_view(cipher, key, c) for c in rows.comments.get(goal.id, [])
                ],
            )
        )
    await gate.allow(categories=shown)
    return PlanView(file_id=file_id, goals=goals, withheld_categories=sorted(withheld))


async def plan_events(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    *,
    after: str | None,
    limit: int,
) -> PlanEventPage:
    """The plan's history, oldest first (by id, which is time-ordered), ``limit`` events looked
    at after the cursor ``after``: each event whose goal or action the consent covers; the
    categories of the others are listed as withheld (so a page may hold fewer items than
    ``limit`` and still have a ``next``)."""
    position = read_after_id(after)
    gate = await gate_for(uow, principal, ctx, Action.COORDINATION_PLAN_EVENT_LIST, file_id)
    facts = gate.facts
    if facts is None or not gate.visible or not gate.allowed or facts.key is None:
        await gate.refuse(NotFoundError("No such file."))
    organisation = principal.organisation_id
    assert organisation is not None
    mine = covered_for(facts, organisation, uow)
    rows = await plan_rows.plan_rows(uow.session, file_id)
    item_of: dict[uuid.UUID, tuple[str, list[uuid.UUID]]] = {
        g.id: (g.category, rows.goal_about.get(g.id, [])) for g in rows.goals
    }
    for actions in rows.actions.values():
        for action in actions:
            item_of[action.id] = (action.category, rows.action_about.get(action.id, []))
    stmt = (
        select(
            PlanEvent.id,
            PlanEvent.goal_id,
            PlanEvent.action_id,
            PlanEvent.kind,
            PlanEvent.from_status,
            PlanEvent.to_status,
            PlanEvent.text_enc,
            PlanEvent.actor_organisation_id,
            PlanEvent.occurred_at,
        )
        .where(PlanEvent.file_id == file_id)
        .order_by(PlanEvent.id)
        .limit(limit + 1)
    )
    if position is not None:
        stmt = stmt.where(PlanEvent.id > position)
    fetched = list((await uow.session.execute(stmt)).all())
    page, next_cursor = one_id_page(fetched, limit, lambda r: r.id)
    shown: set[str] = set()
    withheld: set[str] = set()
    items = []
    for row in page:
        # A comment is about its goal; every other event about its action, or its goal.
        category, about = item_of.get(row.action_id or row.goal_id, ("", []))
        goal_category, goal_about = item_of.get(row.goal_id, ("", []))
        if plan_rules.covered(mine, category, about) and plan_rules.covered(
            mine, goal_category, goal_about
        ):
            items.append(plan_rows.event_view(uow.runtime.cipher, facts.key, row))
            shown.add(category)
        else:
            withheld.add(category)
    await gate.allow(categories=shown)
    return PlanEventPage(items=items, next=next_cursor, withheld_categories=sorted(withheld))
