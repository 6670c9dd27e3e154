from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_person_view import ContactPersonView
    from ..models.entry_view import EntryView
    from ..models.family_consent_view import FamilyConsentView
    from ..models.member_view import MemberView


T = TypeVar("T", bound="FamilyFileView")


@_attrs_define
class FamilyFileView:
    """What a family member sees of a file: themselves, children under 12 they represent,
    the consents about them, the entries the file shares with them, and their contact point
    (``contact``, on an open file).

        Attributes:
            closed_at (datetime.datetime | None):
            consents (list[FamilyConsentView]):
            entries (list[EntryView]):
            id (UUID):
            members (list[MemberView]):
            opened_at (datetime.datetime):
            status (str):
            contact (ContactPersonView | None | Unset):
            reference (str | Unset):  Default: ''.
    """

    closed_at: datetime.datetime | None
    consents: list[FamilyConsentView]
    entries: list[EntryView]
    id: UUID
    members: list[MemberView]
    opened_at: datetime.datetime
    status: str
    contact: ContactPersonView | None | Unset = UNSET
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_person_view import ContactPersonView  # noqa: PLC0415

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        id = str(self.id)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        opened_at = self.opened_at.isoformat()

        status = self.status

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, ContactPersonView):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "consents": consents,
                "entries": entries,
                "id": id,
                "members": members,
                "opened_at": opened_at,
                "status": status,
            }
        )
        if contact is not UNSET:
            field_dict["contact"] = contact
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_person_view import ContactPersonView  # noqa: PLC0415
        from ..models.entry_view import EntryView  # noqa: PLC0415
        from ..models.family_consent_view import FamilyConsentView  # noqa: PLC0415
        from ..models.member_view import MemberView  # noqa: PLC0415

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

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in _consents:
            consents_item = FamilyConsentView.from_dict(consents_item_data)

            consents.append(consents_item)

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = EntryView.from_dict(entries_item_data)

            entries.append(entries_item)

        id = UUID(d.pop("id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberView.from_dict(members_item_data)

            members.append(members_item)

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        status = d.pop("status")

        def _parse_contact(data: object) -> ContactPersonView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = ContactPersonView.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactPersonView | None | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        reference = d.pop("reference", UNSET)

        family_file_view = cls(
            closed_at=closed_at,
            consents=consents,
            entries=entries,
            id=id,
            members=members,
            opened_at=opened_at,
            status=status,
            contact=contact,
            reference=reference,
        )

        family_file_view.additional_properties = d
        return family_file_view

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
