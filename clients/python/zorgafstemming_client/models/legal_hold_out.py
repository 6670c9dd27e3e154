from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LegalHoldOut")


@_attrs_define
class LegalHoldOut:
    """A hold as the DPO sees it (the note itself is never sent back).

    Attributes:
        file_id (UUID):
        has_note (bool):
        id (UUID):
        lifted_at (datetime.datetime | None):
        placed_at (datetime.datetime):
        reason_code (str):
    """

    file_id: UUID
    has_note: bool
    id: UUID
    lifted_at: datetime.datetime | None
    placed_at: datetime.datetime
    reason_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        has_note = self.has_note

        id = str(self.id)

        lifted_at: None | str
        if isinstance(self.lifted_at, datetime.datetime):
            lifted_at = self.lifted_at.isoformat()
        else:
            lifted_at = self.lifted_at

        placed_at = self.placed_at.isoformat()

        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "has_note": has_note,
                "id": id,
                "lifted_at": lifted_at,
                "placed_at": placed_at,
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        has_note = d.pop("has_note")

        id = UUID(d.pop("id"))

        def _parse_lifted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lifted_at_type_0 = datetime.datetime.fromisoformat(data)

                return lifted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lifted_at = _parse_lifted_at(d.pop("lifted_at"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        reason_code = d.pop("reason_code")

        legal_hold_out = cls(
            file_id=file_id,
            has_note=has_note,
            id=id,
            lifted_at=lifted_at,
            placed_at=placed_at,
            reason_code=reason_code,
        )

        legal_hold_out.additional_properties = d
        return legal_hold_out

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
