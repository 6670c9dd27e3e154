from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.file_consent_in import FileConsentIn
    from ..models.member_in import MemberIn


T = TypeVar("T", bound="FileCreate")


@_attrs_define
class FileCreate:
    """Open a file: its members and at least one consent naming the caller's organisation.

    Attributes:
        consents (list[FileConsentIn]):
        members (list[MemberIn]):
    """

    consents: list[FileConsentIn]
    members: list[MemberIn]

    def to_dict(self) -> dict[str, Any]:
        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "consents": consents,
                "members": members,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_consent_in import FileConsentIn  # noqa: PLC0415
        from ..models.member_in import MemberIn  # noqa: PLC0415

        d = dict(src_dict)
        consents = []
        _consents = d.pop("consents")
        for consents_item_data in _consents:
            consents_item = FileConsentIn.from_dict(consents_item_data)

            consents.append(consents_item)

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberIn.from_dict(members_item_data)

            members.append(members_item)

        file_create = cls(
            consents=consents,
            members=members,
        )

        return file_create
