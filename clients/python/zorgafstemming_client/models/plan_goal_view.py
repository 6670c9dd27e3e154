from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_action_view import PlanActionView
    from ..models.plan_comment_view import PlanCommentView


T = TypeVar("T", bound="PlanGoalView")


@_attrs_define
class PlanGoalView:
    """A goal with the actions towards it the caller may see; ``withheld_actions`` counts the
    others (their categories are in the plan's ``withheld_categories``).

        Attributes:
            about (list[UUID]):
            actions (list[PlanActionView]):
            category (str):
            comments (list[PlanCommentView]):
            confidential (bool):
            created_at (datetime.datetime):
            created_by_organisation_id (UUID):
            id (UUID):
            title (str):
            withheld_actions (int):
    """

    about: list[UUID]
    actions: list[PlanActionView]
    category: str
    comments: list[PlanCommentView]
    confidential: bool
    created_at: datetime.datetime
    created_by_organisation_id: UUID
    id: UUID
    title: str
    withheld_actions: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        category = self.category

        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)

        confidential = self.confidential

        created_at = self.created_at.isoformat()

        created_by_organisation_id = str(self.created_by_organisation_id)

        id = str(self.id)

        title = self.title

        withheld_actions = self.withheld_actions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "actions": actions,
                "category": category,
                "comments": comments,
                "confidential": confidential,
                "created_at": created_at,
                "created_by_organisation_id": created_by_organisation_id,
                "id": id,
                "title": title,
                "withheld_actions": withheld_actions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_action_view import PlanActionView  # noqa: PLC0415
        from ..models.plan_comment_view import PlanCommentView  # noqa: PLC0415

        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = PlanActionView.from_dict(actions_item_data)

            actions.append(actions_item)

        category = d.pop("category")

        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = PlanCommentView.from_dict(comments_item_data)

            comments.append(comments_item)

        confidential = d.pop("confidential")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by_organisation_id = UUID(d.pop("created_by_organisation_id"))

        id = UUID(d.pop("id"))

        title = d.pop("title")

        withheld_actions = d.pop("withheld_actions")

        plan_goal_view = cls(
            about=about,
            actions=actions,
            category=category,
            comments=comments,
            confidential=confidential,
            created_at=created_at,
            created_by_organisation_id=created_by_organisation_id,
            id=id,
            title=title,
            withheld_actions=withheld_actions,
        )

        plan_goal_view.additional_properties = d
        return plan_goal_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
