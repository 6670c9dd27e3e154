from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationView")


@_attrs_define
class InvitationView:
    """A family account for a member. A new account comes with the in-person code for the
    letter, shown once; it works only with a second code mailed to the member's own address.
    For an existing family account, ``link_pending``: the holder accepts the link in the
    portal.

        Attributes:
            account_id (UUID):
            member_id (UUID):
            code_expires_at (datetime.datetime | None | Unset):
            in_person_code (None | str | Unset):
            link_pending (bool | Unset):  Default: False.
    """

    account_id: UUID
    member_id: UUID
    code_expires_at: datetime.datetime | None | Unset = UNSET
    in_person_code: None | str | Unset = UNSET
    link_pending: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        member_id = str(self.member_id)

        code_expires_at: None | str | Unset
        if isinstance(self.code_expires_at, Unset):
            code_expires_at = UNSET
        elif isinstance(self.code_expires_at, datetime.datetime):
            code_expires_at = self.code_expires_at.isoformat()
        else:
            code_expires_at = self.code_expires_at

        in_person_code: None | str | Unset
        if isinstance(self.in_person_code, Unset):
            in_person_code = UNSET
        else:
            in_person_code = self.in_person_code

        link_pending = self.link_pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "member_id": member_id,
            }
        )
        if code_expires_at is not UNSET:
            field_dict["code_expires_at"] = code_expires_at
        if in_person_code is not UNSET:
            field_dict["in_person_code"] = in_person_code
        if link_pending is not UNSET:
            field_dict["link_pending"] = link_pending

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        member_id = UUID(d.pop("member_id"))

        def _parse_code_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return code_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        code_expires_at = _parse_code_expires_at(d.pop("code_expires_at", UNSET))

        def _parse_in_person_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        in_person_code = _parse_in_person_code(d.pop("in_person_code", UNSET))

        link_pending = d.pop("link_pending", UNSET)

        invitation_view = cls(
            account_id=account_id,
            member_id=member_id,
            code_expires_at=code_expires_at,
            in_person_code=in_person_code,
            link_pending=link_pending,
        )

        invitation_view.additional_properties = d
        return invitation_view

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
