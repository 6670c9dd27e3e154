from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FamilyConsentIn")


@_attrs_define
class FamilyConsentIn:
    """A consent a family member gives in the portal, for themselves (12 or older) or a child
    under 12 they represent.

    Only what the family chooses travels: the organisations, purposes and categories, the
    notice version they were shown and (optionally) the end. The server sets the rest — it is
    given in the portal, by the caller, in force from now, on the basis of consent.

        Attributes:
            categories (list[str]):
            file_id (UUID):
            members (list[UUID]):
            notice_version (str):
            purposes (list[str]):
            recipients (list[UUID]):
            valid_until (datetime.datetime | None | Unset):
    """

    categories: list[str]
    file_id: UUID
    members: list[UUID]
    notice_version: str
    purposes: list[str]
    recipients: list[UUID]
    valid_until: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        categories = self.categories

        file_id = str(self.file_id)

        members = []
        for members_item_data in self.members:
            members_item = str(members_item_data)
            members.append(members_item)

        notice_version = self.notice_version

        purposes = self.purposes

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = str(recipients_item_data)
            recipients.append(recipients_item)

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "categories": categories,
                "file_id": file_id,
                "members": members,
                "notice_version": notice_version,
                "purposes": purposes,
                "recipients": recipients,
            }
        )
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        categories = cast(list[str], d.pop("categories"))

        file_id = UUID(d.pop("file_id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = UUID(members_item_data)

            members.append(members_item)

        notice_version = d.pop("notice_version")

        purposes = cast(list[str], d.pop("purposes"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = UUID(recipients_item_data)

            recipients.append(recipients_item)

        def _parse_valid_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        family_consent_in = cls(
            categories=categories,
            file_id=file_id,
            members=members,
            notice_version=notice_version,
            purposes=purposes,
            recipients=recipients,
            valid_until=valid_until,
        )

        return family_consent_in
