from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.family_plan_action_view import FamilyPlanActionView
    from ..models.plan_comment_view import PlanCommentView


T = TypeVar("T", bound="FamilyPlanGoalView")


@_attrs_define
class FamilyPlanGoalView:
    """A goal as the family sees it, with its actions and comments.

    Attributes:
        actions (list[FamilyPlanActionView]):
        comments (list[PlanCommentView]):
        id (UUID):
        title (str):
    """

    actions: list[FamilyPlanActionView]
    comments: list[PlanCommentView]
    id: UUID
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        comments = []
        for comments_item_data in self.comments:
            comments_item = comments_item_data.to_dict()
            comments.append(comments_item)

        id = str(self.id)

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "comments": comments,
                "id": id,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.family_plan_action_view import FamilyPlanActionView  # noqa: PLC0415
        from ..models.plan_comment_view import PlanCommentView  # noqa: PLC0415

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = FamilyPlanActionView.from_dict(actions_item_data)

            actions.append(actions_item)

        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = PlanCommentView.from_dict(comments_item_data)

            comments.append(comments_item)

        id = UUID(d.pop("id"))

        title = d.pop("title")

        family_plan_goal_view = cls(
            actions=actions,
            comments=comments,
            id=id,
            title=title,
        )

        family_plan_goal_view.additional_properties = d
        return family_plan_goal_view

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
