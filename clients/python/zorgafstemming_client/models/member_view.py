from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberView")


@_attrs_define
class MemberView:
    """A member. One the caller may see (``visible``) carries its role and the fields of the
    categories the consent covers, the others absent and listed as withheld; a member the
    caller's consent does not cover is only ``{"id": ..., "visible": false}``.

        Attributes:
            id (UUID):
            visible (bool):
            address (None | str | Unset):
            birth_date (str | Unset):
            email (None | str | Unset):
            family_name (str | Unset):
            given_name (str | Unset):
            insz (None | str | Unset):
            phone (None | str | Unset):
            role (str | Unset):
            withheld_categories (list[str] | Unset):
    """

    id: UUID
    visible: bool
    address: None | str | Unset = UNSET
    birth_date: str | Unset = UNSET
    email: None | str | Unset = UNSET
    family_name: str | Unset = UNSET
    given_name: str | Unset = UNSET
    insz: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    role: str | Unset = UNSET
    withheld_categories: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        visible = self.visible

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        birth_date = self.birth_date

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        family_name = self.family_name

        given_name = self.given_name

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

        role = self.role

        withheld_categories: list[str] | Unset = UNSET
        if not isinstance(self.withheld_categories, Unset):
            withheld_categories = self.withheld_categories

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "visible": visible,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if email is not UNSET:
            field_dict["email"] = email
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if given_name is not UNSET:
            field_dict["given_name"] = given_name
        if insz is not UNSET:
            field_dict["insz"] = insz
        if phone is not UNSET:
            field_dict["phone"] = phone
        if role is not UNSET:
            field_dict["role"] = role
        if withheld_categories is not UNSET:
            field_dict["withheld_categories"] = withheld_categories

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        visible = d.pop("visible")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        birth_date = d.pop("birth_date", UNSET)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        family_name = d.pop("family_name", UNSET)

        given_name = d.pop("given_name", UNSET)

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

        role = d.pop("role", UNSET)

        withheld_categories = cast(list[str], d.pop("withheld_categories", UNSET))

        member_view = cls(
            id=id,
            visible=visible,
            address=address,
            birth_date=birth_date,
            email=email,
            family_name=family_name,
            given_name=given_name,
            insz=insz,
            phone=phone,
            role=role,
            withheld_categories=withheld_categories,
        )

        member_view.additional_properties = d
        return member_view

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
