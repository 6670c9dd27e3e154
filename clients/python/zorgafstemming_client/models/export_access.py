from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExportAccess")


@_attrs_define
class ExportAccess:
    """One visit of staff to the file: when, which organisation (null: one the reader's file
    never named) in which role, whether they viewed, changed or were refused, and which parts
    (data categories, or kinds of object) they touched; ``emergency_ground`` is set for an
    access under an emergency grant.

        Attributes:
            at (datetime.datetime):
            emergency_ground (None | str):
            organisation (None | str):
            parts (list[str]):
            role (None | str):
            verb (str):
    """

    at: datetime.datetime
    emergency_ground: None | str
    organisation: None | str
    parts: list[str]
    role: None | str
    verb: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        emergency_ground: None | str
        emergency_ground = self.emergency_ground

        organisation: None | str
        organisation = self.organisation

        parts = self.parts

        role: None | str
        role = self.role

        verb = self.verb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "emergency_ground": emergency_ground,
                "organisation": organisation,
                "parts": parts,
                "role": role,
                "verb": verb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_emergency_ground(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        emergency_ground = _parse_emergency_ground(d.pop("emergency_ground"))

        def _parse_organisation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation = _parse_organisation(d.pop("organisation"))

        parts = cast(list[str], d.pop("parts"))

        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))

        verb = d.pop("verb")

        export_access = cls(
            at=at,
            emergency_ground=emergency_ground,
            organisation=organisation,
            parts=parts,
            role=role,
            verb=verb,
        )

        export_access.additional_properties = d
        return export_access

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
