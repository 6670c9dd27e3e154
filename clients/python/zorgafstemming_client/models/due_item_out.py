from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DueItemOut")


@_attrs_define
class DueItemOut:
    """A file that falls due for purge or review, when, and under which rule.

    Attributes:
        action (str):
        due_at (datetime.datetime):
        due_now (bool):
        file_id (UUID):
        held (bool):
        rule_id (str):
    """

    action: str
    due_at: datetime.datetime
    due_now: bool
    file_id: UUID
    held: bool
    rule_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        due_at = self.due_at.isoformat()

        due_now = self.due_now

        file_id = str(self.file_id)

        held = self.held

        rule_id = self.rule_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "due_at": due_at,
                "due_now": due_now,
                "file_id": file_id,
                "held": held,
                "rule_id": rule_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        due_now = d.pop("due_now")

        file_id = UUID(d.pop("file_id"))

        held = d.pop("held")

        rule_id = d.pop("rule_id")

        due_item_out = cls(
            action=action,
            due_at=due_at,
            due_now=due_now,
            file_id=file_id,
            held=held,
            rule_id=rule_id,
        )

        due_item_out.additional_properties = d
        return due_item_out

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
