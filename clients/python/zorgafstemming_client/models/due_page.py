from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.due_item_out import DueItemOut
    from ..models.due_page_rules import DuePageRules


T = TypeVar("T", bound="DuePage")


@_attrs_define
class DuePage:
    """A page of the retention schedule as of ``at``, earliest first by (due date, file id,
    action); pass ``next`` as ``after`` for the next page (null on the last). ``total`` counts
    the whole schedule, ``rules`` describes the rules the items name.

        Attributes:
            at (datetime.datetime):
            items (list[DueItemOut]):
            next_ (None | str):
            rules (DuePageRules):
            total (int):
    """

    at: datetime.datetime
    items: list[DueItemOut]
    next_: None | str
    rules: DuePageRules
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_: None | str
        next_ = self.next_

        rules = self.rules.to_dict()

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "items": items,
                "next": next_,
                "rules": rules,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.due_item_out import DueItemOut  # noqa: PLC0415
        from ..models.due_page_rules import DuePageRules  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DueItemOut.from_dict(items_item_data)

            items.append(items_item)

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.pop("next"))

        rules = DuePageRules.from_dict(d.pop("rules"))

        total = d.pop("total")

        due_page = cls(
            at=at,
            items=items,
            next_=next_,
            rules=rules,
            total=total,
        )

        due_page.additional_properties = d
        return due_page

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
