from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MemberLinkView")


@_attrs_define
class MemberLinkView:
    """A partner's request to link your family account to a member of a file: nothing of the
    file is shown until you accept.

        Attributes:
            file_id (UUID):
            id (UUID):
            lead_organisation (str):
            requested_at (datetime.datetime):
    """

    file_id: UUID
    id: UUID
    lead_organisation: str
    requested_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        id = str(self.id)

        lead_organisation = self.lead_organisation

        requested_at = self.requested_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "id": id,
                "lead_organisation": lead_organisation,
                "requested_at": requested_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        lead_organisation = d.pop("lead_organisation")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        member_link_view = cls(
            file_id=file_id,
            id=id,
            lead_organisation=lead_organisation,
            requested_at=requested_at,
        )

        member_link_view.additional_properties = d
        return member_link_view

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
