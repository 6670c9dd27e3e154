from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FamilyFileSummary")


@_attrs_define
class FamilyFileSummary:
    """A file a family member belongs to.

    Attributes:
        closed_at (datetime.datetime | None):
        id (UUID):
        member_id (UUID):
        opened_at (datetime.datetime):
        status (str):
        reference (str | Unset):  Default: ''.
    """

    closed_at: datetime.datetime | None
    id: UUID
    member_id: UUID
    opened_at: datetime.datetime
    status: str
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        id = str(self.id)

        member_id = str(self.member_id)

        opened_at = self.opened_at.isoformat()

        status = self.status

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "id": id,
                "member_id": member_id,
                "opened_at": opened_at,
                "status": status,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        status = d.pop("status")

        reference = d.pop("reference", UNSET)

        family_file_summary = cls(
            closed_at=closed_at,
            id=id,
            member_id=member_id,
            opened_at=opened_at,
            status=status,
            reference=reference,
        )

        family_file_summary.additional_properties = d
        return family_file_summary

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
