from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberLinkAnswer")


@_attrs_define
class MemberLinkAnswer:
    """Your answer to a link request; once accepted the file is among your files.

    Attributes:
        accepted (bool):
        file_id (UUID):
        id (UUID):
    """

    accepted: bool
    file_id: UUID
    id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        file_id = str(self.file_id)

        id = str(self.id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "file_id": file_id,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accepted = d.pop("accepted")

        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        member_link_answer = cls(
            accepted=accepted,
            file_id=file_id,
            id=id,
        )

        member_link_answer.additional_properties = d
        return member_link_answer

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
