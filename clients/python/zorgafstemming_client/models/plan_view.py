from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_goal_view import PlanGoalView


T = TypeVar("T", bound="PlanView")


@_attrs_define
class PlanView:
    """The family plan of a file as the caller may see it, goals oldest first, with the
    categories of the goals and actions withheld for lack of consent.

        Attributes:
            file_id (UUID):
            goals (list[PlanGoalView]):
            withheld_categories (list[str]):
    """

    file_id: UUID
    goals: list[PlanGoalView]
    withheld_categories: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        withheld_categories = self.withheld_categories

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "goals": goals,
                "withheld_categories": withheld_categories,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_goal_view import PlanGoalView  # noqa: PLC0415

        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = PlanGoalView.from_dict(goals_item_data)

            goals.append(goals_item)

        withheld_categories = cast(list[str], d.pop("withheld_categories"))

        plan_view = cls(
            file_id=file_id,
            goals=goals,
            withheld_categories=withheld_categories,
        )

        plan_view.additional_properties = d
        return plan_view

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
