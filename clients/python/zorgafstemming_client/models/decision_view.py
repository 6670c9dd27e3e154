from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionView")


@_attrs_define
class DecisionView:
    """A decision recorded with the minutes.

    Attributes:
        id (UUID):
        owner_organisation_id (UUID):
        position (int):
        text (str):
        due_on (datetime.date | None | Unset):
        plan_action_id (None | Unset | UUID):
    """

    id: UUID
    owner_organisation_id: UUID
    position: int
    text: str
    due_on: datetime.date | None | Unset = UNSET
    plan_action_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        owner_organisation_id = str(self.owner_organisation_id)

        position = self.position

        text = self.text

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        plan_action_id: None | str | Unset
        if isinstance(self.plan_action_id, Unset):
            plan_action_id = UNSET
        elif isinstance(self.plan_action_id, UUID):
            plan_action_id = str(self.plan_action_id)
        else:
            plan_action_id = self.plan_action_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "owner_organisation_id": owner_organisation_id,
                "position": position,
                "text": text,
            }
        )
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if plan_action_id is not UNSET:
            field_dict["plan_action_id"] = plan_action_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        owner_organisation_id = UUID(d.pop("owner_organisation_id"))

        position = d.pop("position")

        text = d.pop("text")

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        def _parse_plan_action_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                plan_action_id_type_0 = UUID(data)

                return plan_action_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        plan_action_id = _parse_plan_action_id(d.pop("plan_action_id", UNSET))

        decision_view = cls(
            id=id,
            owner_organisation_id=owner_organisation_id,
            position=position,
            text=text,
            due_on=due_on,
            plan_action_id=plan_action_id,
        )

        decision_view.additional_properties = d
        return decision_view

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
