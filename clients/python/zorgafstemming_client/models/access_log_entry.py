from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessLogEntry")


@_attrs_define
class AccessLogEntry:
    """One access to a family's file, in plain terms.

    Attributes:
        at (datetime.datetime):
        organisation (None | str):
        part (None | str):
        role (None | str):
        verb (str):
        emergency_ground (None | str | Unset):
    """

    at: datetime.datetime
    organisation: None | str
    part: None | str
    role: None | str
    verb: str
    emergency_ground: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        organisation: None | str
        organisation = self.organisation

        part: None | str
        part = self.part

        role: None | str
        role = self.role

        verb = self.verb

        emergency_ground: None | str | Unset
        if isinstance(self.emergency_ground, Unset):
            emergency_ground = UNSET
        else:
            emergency_ground = self.emergency_ground

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "organisation": organisation,
                "part": part,
                "role": role,
                "verb": verb,
            }
        )
        if emergency_ground is not UNSET:
            field_dict["emergency_ground"] = emergency_ground

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_organisation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation = _parse_organisation(d.pop("organisation"))

        def _parse_part(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        part = _parse_part(d.pop("part"))

        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))

        verb = d.pop("verb")

        def _parse_emergency_ground(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        emergency_ground = _parse_emergency_ground(d.pop("emergency_ground", UNSET))

        access_log_entry = cls(
            at=at,
            organisation=organisation,
            part=part,
            role=role,
            verb=verb,
            emergency_ground=emergency_ground,
        )

        access_log_entry.additional_properties = d
        return access_log_entry

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
