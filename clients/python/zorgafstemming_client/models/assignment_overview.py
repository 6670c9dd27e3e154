from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.assignment_view import AssignmentView
    from ..models.colleague_view import ColleagueView


T = TypeVar("T", bound="AssignmentOverview")


@_attrs_define
class AssignmentOverview:
    """The caller's organisation's workers on a file (never those of other organisations),
    the colleagues not assigned yet, and whether the caller may end an assignment. Not a
    paged list: it is bounded by the size of one organisation's team.

        Attributes:
            assignable (list[ColleagueView]):
            items (list[AssignmentView]):
            may_unassign (bool):
    """

    assignable: list[ColleagueView]
    items: list[AssignmentView]
    may_unassign: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignable = []
        for assignable_item_data in self.assignable:
            assignable_item = assignable_item_data.to_dict()
            assignable.append(assignable_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        may_unassign = self.may_unassign

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignable": assignable,
                "items": items,
                "may_unassign": may_unassign,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignment_view import AssignmentView  # noqa: PLC0415
        from ..models.colleague_view import ColleagueView  # noqa: PLC0415

        d = dict(src_dict)
        assignable = []
        _assignable = d.pop("assignable")
        for assignable_item_data in _assignable:
            assignable_item = ColleagueView.from_dict(assignable_item_data)

            assignable.append(assignable_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = AssignmentView.from_dict(items_item_data)

            items.append(items_item)

        may_unassign = d.pop("may_unassign")

        assignment_overview = cls(
            assignable=assignable,
            items=items,
            may_unassign=may_unassign,
        )

        assignment_overview.additional_properties = d
        return assignment_overview

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
