from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.member_role import MemberRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberAdd")


@_attrs_define
class MemberAdd:
    """A member added to an open file (a newborn, a new partner of a parent): the fields asked
    at opening. No consent covers them until one names them.

        Attributes:
            birth_date (datetime.date):
            family_name (str):
            given_name (str):
            role (MemberRole): A member's role in the family.
            address (None | str | Unset):
            email (None | str | Unset):
            insz (None | str | Unset):
            phone (None | str | Unset):
    """

    birth_date: datetime.date
    family_name: str
    given_name: str
    role: MemberRole
    address: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    insz: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        birth_date = self.birth_date.isoformat()

        family_name = self.family_name

        given_name = self.given_name

        role = self.role.value

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        insz: None | str | Unset
        if isinstance(self.insz, Unset):
            insz = UNSET
        else:
            insz = self.insz

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "birth_date": birth_date,
                "family_name": family_name,
                "given_name": given_name,
                "role": role,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if email is not UNSET:
            field_dict["email"] = email
        if insz is not UNSET:
            field_dict["insz"] = insz
        if phone is not UNSET:
            field_dict["phone"] = phone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        birth_date = datetime.date.fromisoformat(d.pop("birth_date"))

        family_name = d.pop("family_name")

        given_name = d.pop("given_name")

        role = MemberRole(d.pop("role"))

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_insz(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insz = _parse_insz(d.pop("insz", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        member_add = cls(
            birth_date=birth_date,
            family_name=family_name,
            given_name=given_name,
            role=role,
            address=address,
            email=email,
            insz=insz,
            phone=phone,
        )

        return member_add
