"""Request and response structures of the family plan and the workers' task list (msgspec)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from zorgafstemming.bounds import DatedInput
from zorgafstemming.coordination.schemas import MAX_MEMBERS, Word

# Multi-line text: line feed, carriage return and tab allowed, other control characters not.
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
PLAN_TEXT_MAX_CHARS = 2_000

PlanText = Annotated[str, Meta(min_length=1, max_length=PLAN_TEXT_MAX_CHARS, pattern=_TEXT)]
About = Annotated[list[uuid.UUID], Meta(min_length=1, max_length=MAX_MEMBERS)]
PlanStatus = Literal["planned", "in_progress", "done", "dropped"]
Owner = Literal["organisation", "family"]


class GoalIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A goal in the family's words, about one or more members; the category defaults to
    ``care_plan``."""

    title: PlanText
    about: About
    category: Word | None = None
    confidential: bool = False


class PlanActionIn(DatedInput, forbid_unknown_fields=True, kw_only=True):
    """An action towards a goal. ``owner`` ``organisation``: a partner on the file owns it
    (``owner_organisation_id``, your own organisation when left out), optionally with one of
    its workers assigned to the file; ``family``: the family owns it (no worker)."""

    description: PlanText
    about: About
    owner: Owner = "organisation"
    owner_organisation_id: uuid.UUID | None = None
    assignee_account_id: uuid.UUID | None = None
    due_on: date | None = None
    category: Word | None = None
    confidential: bool = False


class PlanStatusIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """A new status for an action; dropping one needs a reason."""

    status: PlanStatus
    reason: PlanText | None = None


class PlanCommentIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """The family's comment on a goal."""

    text: PlanText


class PlanCommentView(Struct, kw_only=True):
    """A comment on a goal: by the family (``by_family``) or a partner's worker."""

    id: uuid.UUID
    text: str
    by_family: bool
    organisation_id: uuid.UUID | None
    occurred_at: datetime


class PlanActionView(Struct, kw_only=True):
    """An action as it stands now (its history: the plan's events). ``owner_organisation_id``
    is null when the family owns it; ``overdue``: due before today and not finished."""

    id: uuid.UUID
    goal_id: uuid.UUID
    description: str
    about: list[uuid.UUID]
    owner: Owner
    owner_organisation_id: uuid.UUID | None
    assignee_account_id: uuid.UUID | None
    due_on: date | None
    status: PlanStatus
    drop_reason: str | None
    category: str
    confidential: bool
    overdue: bool
    created_at: datetime
    updated_at: datetime


class PlanGoalView(Struct, kw_only=True):
    """A goal with the actions towards it the caller may see; ``withheld_actions`` counts the
    others (their categories are in the plan's ``withheld_categories``)."""

    id: uuid.UUID
    title: str
    about: list[uuid.UUID]
    category: str
    confidential: bool
    created_by_organisation_id: uuid.UUID
    created_at: datetime
    actions: list[PlanActionView]
    withheld_actions: int
    comments: list[PlanCommentView]


class PlanView(Struct, kw_only=True):
    """The family plan of a file as the caller may see it, goals oldest first, with the
    categories of the goals and actions withheld for lack of consent."""

    file_id: uuid.UUID
    goals: list[PlanGoalView]
    withheld_categories: list[str]


class PlanEventView(Struct, kw_only=True):
    """One change of the plan: ``kind`` (goal_created, action_created, status_changed,
    comment_added), the status before and after, the text then written (the goal, the action,
    the reason for dropping, the comment), who made it (an organisation, or the family)."""

    id: uuid.UUID
    goal_id: uuid.UUID
    action_id: uuid.UUID | None
    kind: str
    from_status: str | None
    to_status: str | None
    text: str | None
    by_family: bool
    organisation_id: uuid.UUID | None
    occurred_at: datetime


class PlanEventPage(Struct, kw_only=True):
    """A page of the plan's history, oldest first (by id), with the categories of the events
    left out for lack of consent; pass ``next`` as ``after`` for the next page."""

    items: list[PlanEventView]
    next: str | None
    withheld_categories: list[str]


class FamilyPlanActionView(Struct, kw_only=True):
    """An action of the family plan as the family sees it; ``may_complete``: the family owns it
    and it is not finished, so they can mark it done."""

    id: uuid.UUID
    description: str
    owner: Owner
    owner_organisation_id: uuid.UUID | None
    due_on: date | None
    status: PlanStatus
    drop_reason: str | None
    may_complete: bool


class FamilyPlanGoalView(Struct, kw_only=True):
    """A goal as the family sees it, with its actions and comments."""

    id: uuid.UUID
    title: str
    actions: list[FamilyPlanActionView]
    comments: list[PlanCommentView]


class FamilyPlanView(Struct, kw_only=True):
    """The family plan of one file without the confidential goals and actions and those only
    about people the family account does not represent."""

    file_id: uuid.UUID
    goals: list[FamilyPlanGoalView]


TaskKind = Literal["plan_action", "referral", "lead_handover", "consent_expiring", "meeting"]


class TaskView(Struct, kw_only=True):
    """Something waiting for the worker or their organisation, without case content: what kind
    of task, which file (its short reference), when it is due, a link to where it is done."""

    kind: TaskKind
    object_id: uuid.UUID
    file_id: uuid.UUID | None
    reference: str
    due_on: date | None
    overdue: bool
    link: str


class TaskPage(Struct, kw_only=True):
    """A page of tasks, soonest due first (tasks without a due date last); pass ``next`` as
    ``after`` for the next page."""

    items: list[TaskView]
    next: str | None


class DigestSettingIn(Struct, forbid_unknown_fields=True, kw_only=True):
    """Whether to receive the daily task mail (counts and links only)."""

    enabled: bool
