from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Invitation")


@_attrs_define
class Invitation:
    """What an account action did: ``invited`` (an activation link went by mail to the
    account's own address) or ``pending-approval`` (a second person must approve the request
    ``change_id`` first). Never a token or link.

        Attributes:
            account_id (UUID):
            status (str):
            change_id (None | Unset | UUID):
    """

    account_id: UUID
    status: str
    change_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        status = self.status

        change_id: None | str | Unset
        if isinstance(self.change_id, Unset):
            change_id = UNSET
        elif isinstance(self.change_id, UUID):
            change_id = str(self.change_id)
        else:
            change_id = self.change_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "status": status,
            }
        )
        if change_id is not UNSET:
            field_dict["change_id"] = change_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        status = d.pop("status")

        def _parse_change_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                change_id_type_0 = UUID(data)

                return change_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        change_id = _parse_change_id(d.pop("change_id", UNSET))

        invitation = cls(
            account_id=account_id,
            status=status,
            change_id=change_id,
        )

        invitation.additional_properties = d
        return invitation

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
