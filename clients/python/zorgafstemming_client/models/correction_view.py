from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CorrectionView")


@_attrs_define
class CorrectionView:
    """One corrected field of the family's own data: the value before and after, when, why and
    by which organisation.

        Attributes:
            corrected_at (datetime.datetime):
            corrected_by_organisation_id (UUID):
            field (str):
            id (UUID):
            member_id (UUID):
            member_name (str):
            new_value (None | str):
            note (None | str):
            old_value (None | str):
            reason (str):
    """

    corrected_at: datetime.datetime
    corrected_by_organisation_id: UUID
    field: str
    id: UUID
    member_id: UUID
    member_name: str
    new_value: None | str
    note: None | str
    old_value: None | str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        corrected_at = self.corrected_at.isoformat()

        corrected_by_organisation_id = str(self.corrected_by_organisation_id)

        field = self.field

        id = str(self.id)

        member_id = str(self.member_id)

        member_name = self.member_name

        new_value: None | str
        new_value = self.new_value

        note: None | str
        note = self.note

        old_value: None | str
        old_value = self.old_value

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "corrected_at": corrected_at,
                "corrected_by_organisation_id": corrected_by_organisation_id,
                "field": field,
                "id": id,
                "member_id": member_id,
                "member_name": member_name,
                "new_value": new_value,
                "note": note,
                "old_value": old_value,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        corrected_at = datetime.datetime.fromisoformat(d.pop("corrected_at"))

        corrected_by_organisation_id = UUID(d.pop("corrected_by_organisation_id"))

        field = d.pop("field")

        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        member_name = d.pop("member_name")

        def _parse_new_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        new_value = _parse_new_value(d.pop("new_value"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        def _parse_old_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        old_value = _parse_old_value(d.pop("old_value"))

        reason = d.pop("reason")

        correction_view = cls(
            corrected_at=corrected_at,
            corrected_by_organisation_id=corrected_by_organisation_id,
            field=field,
            id=id,
            member_id=member_id,
            member_name=member_name,
            new_value=new_value,
            note=note,
            old_value=old_value,
            reason=reason,
        )

        correction_view.additional_properties = d
        return correction_view

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
