from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContactPersonView")


@_attrs_define
class ContactPersonView:
    """The family's contact point (aanspreekpunt): the lead organisation and its contact person
    on the file, with work contact details (staff data, not family data; none known: null).

        Attributes:
            name (None | str):
            organisation_id (UUID):
            organisation_name (str):
            work_email (None | str):
            work_phone (None | str):
    """

    name: None | str
    organisation_id: UUID
    organisation_name: str
    work_email: None | str
    work_phone: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str
        name = self.name

        organisation_id = str(self.organisation_id)

        organisation_name = self.organisation_name

        work_email: None | str
        work_email = self.work_email

        work_phone: None | str
        work_phone = self.work_phone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "organisation_id": organisation_id,
                "organisation_name": organisation_name,
                "work_email": work_email,
                "work_phone": work_phone,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        organisation_id = UUID(d.pop("organisation_id"))

        organisation_name = d.pop("organisation_name")

        def _parse_work_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        work_email = _parse_work_email(d.pop("work_email"))

        def _parse_work_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        work_phone = _parse_work_phone(d.pop("work_phone"))

        contact_person_view = cls(
            name=name,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            work_email=work_email,
            work_phone=work_phone,
        )

        contact_person_view.additional_properties = d
        return contact_person_view

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
