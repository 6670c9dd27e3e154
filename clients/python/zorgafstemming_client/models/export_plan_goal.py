from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_plan_action import ExportPlanAction
    from ..models.export_plan_comment import ExportPlanComment


T = TypeVar("T", bound="ExportPlanGoal")


@_attrs_define
class ExportPlanGoal:
    """A goal of the family plan as the reader may see it, with its actions and comments.

    Attributes:
        actions (list[ExportPlanAction]):
        comments (list[ExportPlanComment]):
        title (str):
    """

    actions: list[ExportPlanAction]
    comments: list[ExportPlanComment]
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

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "comments": comments,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_plan_action import ExportPlanAction  # noqa: PLC0415
        from ..models.export_plan_comment import ExportPlanComment  # noqa: PLC0415

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = ExportPlanAction.from_dict(actions_item_data)

            actions.append(actions_item)

        comments = []
        _comments = d.pop("comments")
        for comments_item_data in _comments:
            comments_item = ExportPlanComment.from_dict(comments_item_data)

            comments.append(comments_item)

        title = d.pop("title")

        export_plan_goal = cls(
            actions=actions,
            comments=comments,
            title=title,
        )

        export_plan_goal.additional_properties = d
        return export_plan_goal

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
