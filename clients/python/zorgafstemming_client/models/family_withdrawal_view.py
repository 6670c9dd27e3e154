from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.family_withdrawal_view_scope import FamilyWithdrawalViewScope

if TYPE_CHECKING:
    from ..models.organisation_ref import OrganisationRef


T = TypeVar("T", bound="FamilyWithdrawalView")


@_attrs_define
class FamilyWithdrawalView:
    """What a withdrawal changed for the caller: which organisations still reach their data
    through other consents, and which no longer do (since ``withdrawn_at``).

        Attributes:
            consent_id (UUID):
            file_id (UUID):
            members (list[UUID]):
            no_access (list[OrganisationRef]):
            scope (FamilyWithdrawalViewScope):
            still_access (list[OrganisationRef]):
            withdrawn_at (datetime.datetime):
    """

    consent_id: UUID
    file_id: UUID
    members: list[UUID]
    no_access: list[OrganisationRef]
    scope: FamilyWithdrawalViewScope
    still_access: list[OrganisationRef]
    withdrawn_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consent_id = str(self.consent_id)

        file_id = str(self.file_id)

        members = []
        for members_item_data in self.members:
            members_item = str(members_item_data)
            members.append(members_item)

        no_access = []
        for no_access_item_data in self.no_access:
            no_access_item = no_access_item_data.to_dict()
            no_access.append(no_access_item)

        scope = self.scope.value

        still_access = []
        for still_access_item_data in self.still_access:
            still_access_item = still_access_item_data.to_dict()
            still_access.append(still_access_item)

        withdrawn_at = self.withdrawn_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consent_id": consent_id,
                "file_id": file_id,
                "members": members,
                "no_access": no_access,
                "scope": scope,
                "still_access": still_access,
                "withdrawn_at": withdrawn_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_ref import OrganisationRef  # noqa: PLC0415

        d = dict(src_dict)
        consent_id = UUID(d.pop("consent_id"))

        file_id = UUID(d.pop("file_id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = UUID(members_item_data)

            members.append(members_item)

        no_access = []
        _no_access = d.pop("no_access")
        for no_access_item_data in _no_access:
            no_access_item = OrganisationRef.from_dict(no_access_item_data)

            no_access.append(no_access_item)

        scope = FamilyWithdrawalViewScope(d.pop("scope"))

        still_access = []
        _still_access = d.pop("still_access")
        for still_access_item_data in _still_access:
            still_access_item = OrganisationRef.from_dict(still_access_item_data)

            still_access.append(still_access_item)

        withdrawn_at = datetime.datetime.fromisoformat(d.pop("withdrawn_at"))

        family_withdrawal_view = cls(
            consent_id=consent_id,
            file_id=file_id,
            members=members,
            no_access=no_access,
            scope=scope,
            still_access=still_access,
            withdrawn_at=withdrawn_at,
        )

        family_withdrawal_view.additional_properties = d
        return family_withdrawal_view

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
