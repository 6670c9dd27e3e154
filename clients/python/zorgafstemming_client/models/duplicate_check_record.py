from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.organisation_name import OrganisationName


T = TypeVar("T", bound="DuplicateCheckRecord")


@_attrs_define
class DuplicateCheckRecord:
    """A duplicate check as the data protection officer reviews it.

    Attributes:
        account_id (None | UUID):
        answered (list[OrganisationName]):
        checked_at (datetime.datetime):
        id (UUID):
        organisation (OrganisationName): An organisation, by name.
        reason (str):
    """

    account_id: None | UUID
    answered: list[OrganisationName]
    checked_at: datetime.datetime
    id: UUID
    organisation: OrganisationName
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id: None | str
        if isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        answered = []
        for answered_item_data in self.answered:
            answered_item = answered_item_data.to_dict()
            answered.append(answered_item)

        checked_at = self.checked_at.isoformat()

        id = str(self.id)

        organisation = self.organisation.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "answered": answered,
                "checked_at": checked_at,
                "id": id,
                "organisation": organisation,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_name import OrganisationName  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                account_id_type_0 = UUID(data)

                return account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        account_id = _parse_account_id(d.pop("account_id"))

        answered = []
        _answered = d.pop("answered")
        for answered_item_data in _answered:
            answered_item = OrganisationName.from_dict(answered_item_data)

            answered.append(answered_item)

        checked_at = datetime.datetime.fromisoformat(d.pop("checked_at"))

        id = UUID(d.pop("id"))

        organisation = OrganisationName.from_dict(d.pop("organisation"))

        reason = d.pop("reason")

        duplicate_check_record = cls(
            account_id=account_id,
            answered=answered,
            checked_at=checked_at,
            id=id,
            organisation=organisation,
            reason=reason,
        )

        duplicate_check_record.additional_properties = d
        return duplicate_check_record

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
