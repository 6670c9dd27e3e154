from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExportPlanAction")


@_attrs_define
class ExportPlanAction:
    """An action of the family plan: who owns it (an organisation by name, or the family).

    Attributes:
        description (str):
        drop_reason (None | str):
        due_on (datetime.date | None):
        owner (str):
        status (str):
    """

    description: str
    drop_reason: None | str
    due_on: datetime.date | None
    owner: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        drop_reason: None | str
        drop_reason = self.drop_reason

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        owner = self.owner

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "drop_reason": drop_reason,
                "due_on": due_on,
                "owner": owner,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        description = d.pop("description")

        def _parse_drop_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        drop_reason = _parse_drop_reason(d.pop("drop_reason"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        owner = d.pop("owner")

        status = d.pop("status")

        export_plan_action = cls(
            description=description,
            drop_reason=drop_reason,
            due_on=due_on,
            owner=owner,
            status=status,
        )

        export_plan_action.additional_properties = d
        return export_plan_action

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
