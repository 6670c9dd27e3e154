from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.due_item_out import DueItemOut
    from ..models.due_out_rules import DueOutRules


T = TypeVar("T", bound="DueOut")


@_attrs_define
class DueOut:
    """One page of the retention schedule as of ``at``.

    Attributes:
        at (datetime.datetime):
        items (list[DueItemOut]):
        limit (int):
        offset (int):
        rules (DueOutRules):
        total (int):
    """

    at: datetime.datetime
    items: list[DueItemOut]
    limit: int
    offset: int
    rules: DueOutRules
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        limit = self.limit

        offset = self.offset

        rules = self.rules.to_dict()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "items": items,
                "limit": limit,
                "offset": offset,
                "rules": rules,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.due_item_out import DueItemOut  # noqa: PLC0415
        from ..models.due_out_rules import DueOutRules  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DueItemOut.from_dict(items_item_data)

            items.append(items_item)

        limit = d.pop("limit")

        offset = d.pop("offset")

        rules = DueOutRules.from_dict(d.pop("rules"))

        total = d.pop("total")

        due_out = cls(
            at=at,
            items=items,
            limit=limit,
            offset=offset,
            rules=rules,
            total=total,
        )

        due_out.additional_properties = d
        return due_out

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
