from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileSummary")


@_attrs_define
class FileSummary:
    """A file in a list: no personal data. ``assigned`` is false only in a coordinator's
    overview, for a file of their organisation nobody assigned them to.

        Attributes:
            closed_at (datetime.datetime | None):
            id (UUID):
            lead_organisation_id (UUID):
            opened_at (datetime.datetime):
            status (str):
            assigned (bool | Unset):  Default: True.
            label (None | str | Unset):
            last_activity (datetime.datetime | None | Unset):
            reference (str | Unset):  Default: ''.
            role (str | Unset):  Default: 'partner'.
    """

    closed_at: datetime.datetime | None
    id: UUID
    lead_organisation_id: UUID
    opened_at: datetime.datetime
    status: str
    assigned: bool | Unset = True
    label: None | str | Unset = UNSET
    last_activity: datetime.datetime | None | Unset = UNSET
    reference: str | Unset = ""
    role: str | Unset = "partner"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        id = str(self.id)

        lead_organisation_id = str(self.lead_organisation_id)

        opened_at = self.opened_at.isoformat()

        status = self.status

        assigned = self.assigned

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        last_activity: None | str | Unset
        if isinstance(self.last_activity, Unset):
            last_activity = UNSET
        elif isinstance(self.last_activity, datetime.datetime):
            last_activity = self.last_activity.isoformat()
        else:
            last_activity = self.last_activity

        reference = self.reference

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "id": id,
                "lead_organisation_id": lead_organisation_id,
                "opened_at": opened_at,
                "status": status,
            }
        )
        if assigned is not UNSET:
            field_dict["assigned"] = assigned
        if label is not UNSET:
            field_dict["label"] = label
        if last_activity is not UNSET:
            field_dict["last_activity"] = last_activity
        if reference is not UNSET:
            field_dict["reference"] = reference
        if role is not UNSET:
            field_dict["role"] = role

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

        lead_organisation_id = UUID(d.pop("lead_organisation_id"))

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        status = d.pop("status")

        assigned = d.pop("assigned", UNSET)

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        def _parse_last_activity(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_type_0 = datetime.datetime.fromisoformat(data)

                return last_activity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity = _parse_last_activity(d.pop("last_activity", UNSET))

        reference = d.pop("reference", UNSET)

        role = d.pop("role", UNSET)

        file_summary = cls(
            closed_at=closed_at,
            id=id,
            lead_organisation_id=lead_organisation_id,
            opened_at=opened_at,
            status=status,
            assigned=assigned,
            label=label,
            last_activity=last_activity,
            reference=reference,
            role=role,
        )

        file_summary.additional_properties = d
        return file_summary

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
