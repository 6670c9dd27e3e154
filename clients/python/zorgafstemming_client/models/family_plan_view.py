from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.family_plan_goal_view import FamilyPlanGoalView


T = TypeVar("T", bound="FamilyPlanView")


@_attrs_define
class FamilyPlanView:
    """The family plan of one file without the confidential goals and actions and those only
    about people the family account does not represent.

        Attributes:
            file_id (UUID):
            goals (list[FamilyPlanGoalView]):
    """

    file_id: UUID
    goals: list[FamilyPlanGoalView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "goals": goals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.family_plan_goal_view import FamilyPlanGoalView  # noqa: PLC0415

        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = FamilyPlanGoalView.from_dict(goals_item_data)

            goals.append(goals_item)

        family_plan_view = cls(
            file_id=file_id,
            goals=goals,
        )

        family_plan_view.additional_properties = d
        return family_plan_view

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
