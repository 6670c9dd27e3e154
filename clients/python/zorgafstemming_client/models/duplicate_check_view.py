from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organisation_name import OrganisationName


T = TypeVar("T", bound="DuplicateCheckView")


@_attrs_define
class DuplicateCheckView:
    """The answer of a duplicate check: whether a file for this person may exist and, if so,
    only the name of its lead organisation, to ask.

        Attributes:
            id (UUID):
            lead_organisations (list[OrganisationName]):
            may_exist (bool):
            message (str):
    """

    id: UUID
    lead_organisations: list[OrganisationName]
    may_exist: bool
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        lead_organisations = []
        for lead_organisations_item_data in self.lead_organisations:
            lead_organisations_item = lead_organisations_item_data.to_dict()
            lead_organisations.append(lead_organisations_item)

        may_exist = self.may_exist

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "lead_organisations": lead_organisations,
                "may_exist": may_exist,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_name import OrganisationName  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        lead_organisations = []
        _lead_organisations = d.pop("lead_organisations")
        for lead_organisations_item_data in _lead_organisations:
            lead_organisations_item = OrganisationName.from_dict(lead_organisations_item_data)

            lead_organisations.append(lead_organisations_item)

        may_exist = d.pop("may_exist")

        message = d.pop("message")

        duplicate_check_view = cls(
            id=id,
            lead_organisations=lead_organisations,
            may_exist=may_exist,
            message=message,
        )

        duplicate_check_view.additional_properties = d
        return duplicate_check_view

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
