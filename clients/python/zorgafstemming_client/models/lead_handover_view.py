from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.lead_handover_view_status import LeadHandoverViewStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="LeadHandoverView")


@_attrs_define
class LeadHandoverView:
    """An offer of the file's lead: ``offered``, then ``accepted`` (the partner leads from
    ``answered_at``) or ``declined``.

        Attributes:
            file_id (UUID):
            from_organisation_id (UUID):
            id (UUID):
            offered_at (datetime.datetime):
            status (LeadHandoverViewStatus):
            to_organisation_id (UUID):
            answered_at (datetime.datetime | None | Unset):
    """

    file_id: UUID
    from_organisation_id: UUID
    id: UUID
    offered_at: datetime.datetime
    status: LeadHandoverViewStatus
    to_organisation_id: UUID
    answered_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        from_organisation_id = str(self.from_organisation_id)

        id = str(self.id)

        offered_at = self.offered_at.isoformat()

        status = self.status.value

        to_organisation_id = str(self.to_organisation_id)

        answered_at: None | str | Unset
        if isinstance(self.answered_at, Unset):
            answered_at = UNSET
        elif isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "from_organisation_id": from_organisation_id,
                "id": id,
                "offered_at": offered_at,
                "status": status,
                "to_organisation_id": to_organisation_id,
            }
        )
        if answered_at is not UNSET:
            field_dict["answered_at"] = answered_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        from_organisation_id = UUID(d.pop("from_organisation_id"))

        id = UUID(d.pop("id"))

        offered_at = datetime.datetime.fromisoformat(d.pop("offered_at"))

        status = LeadHandoverViewStatus(d.pop("status"))

        to_organisation_id = UUID(d.pop("to_organisation_id"))

        def _parse_answered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        answered_at = _parse_answered_at(d.pop("answered_at", UNSET))

        lead_handover_view = cls(
            file_id=file_id,
            from_organisation_id=from_organisation_id,
            id=id,
            offered_at=offered_at,
            status=status,
            to_organisation_id=to_organisation_id,
            answered_at=answered_at,
        )

        lead_handover_view.additional_properties = d
        return lead_handover_view

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
