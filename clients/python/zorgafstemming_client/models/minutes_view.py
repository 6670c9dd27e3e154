from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.decision_view import DecisionView


T = TypeVar("T", bound="MinutesView")


@_attrs_define
class MinutesView:
    """The minutes of a meeting, shown only where the caller's consent covers their category
    (for purpose ``case_meeting``) for every member they are about.

        Attributes:
            body (str):
            category (str):
            decisions (list[DecisionView]):
            entry_id (UUID):
    """

    body: str
    category: str
    decisions: list[DecisionView]
    entry_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        category = self.category

        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)

        entry_id = str(self.entry_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "body": body,
                "category": category,
                "decisions": decisions,
                "entry_id": entry_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_view import DecisionView  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        category = d.pop("category")

        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in _decisions:
            decisions_item = DecisionView.from_dict(decisions_item_data)

            decisions.append(decisions_item)

        entry_id = UUID(d.pop("entry_id"))

        minutes_view = cls(
            body=body,
            category=category,
            decisions=decisions,
            entry_id=entry_id,
        )

        minutes_view.additional_properties = d
        return minutes_view

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
