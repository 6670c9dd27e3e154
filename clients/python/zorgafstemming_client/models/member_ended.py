from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberEnded")


@_attrs_define
class MemberEnded:
    """A membership ended: partners no longer see the member; their data stays until the
    file's retention ends.

        Attributes:
            ended_at (datetime.datetime):
            member_id (UUID):
            reason (str):
    """

    ended_at: datetime.datetime
    member_id: UUID
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ended_at = self.ended_at.isoformat()

        member_id = str(self.member_id)

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ended_at": ended_at,
                "member_id": member_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ended_at = datetime.datetime.fromisoformat(d.pop("ended_at"))

        member_id = UUID(d.pop("member_id"))

        reason = d.pop("reason")

        member_ended = cls(
            ended_at=ended_at,
            member_id=member_id,
            reason=reason,
        )

        member_ended.additional_properties = d
        return member_ended

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
