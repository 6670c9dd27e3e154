from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.emergency_grant_out_ground import EmergencyGrantOutGround

T = TypeVar("T", bound="EmergencyGrantOut")


@_attrs_define
class EmergencyGrantOut:
    """A grant in force: read-only access to ``file_id`` until ``expires_at``.

    Attributes:
        expires_at (datetime.datetime):
        file_id (UUID):
        file_reference (str):
        ground (EmergencyGrantOutGround):
        id (UUID):
        member_roles (list[str]):
        requested_at (datetime.datetime):
    """

    expires_at: datetime.datetime
    file_id: UUID
    file_reference: str
    ground: EmergencyGrantOutGround
    id: UUID
    member_roles: list[str]
    requested_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expires_at = self.expires_at.isoformat()

        file_id = str(self.file_id)

        file_reference = self.file_reference

        ground = self.ground.value

        id = str(self.id)

        member_roles = self.member_roles

        requested_at = self.requested_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "file_id": file_id,
                "file_reference": file_reference,
                "ground": ground,
                "id": id,
                "member_roles": member_roles,
                "requested_at": requested_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        file_id = UUID(d.pop("file_id"))

        file_reference = d.pop("file_reference")

        ground = EmergencyGrantOutGround(d.pop("ground"))

        id = UUID(d.pop("id"))

        member_roles = cast(list[str], d.pop("member_roles"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        emergency_grant_out = cls(
            expires_at=expires_at,
            file_id=file_id,
            file_reference=file_reference,
            ground=ground,
            id=id,
            member_roles=member_roles,
            requested_at=requested_at,
        )

        emergency_grant_out.additional_properties = d
        return emergency_grant_out

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
