from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="TokenRequest")


@_attrs_define
class TokenRequest:
    """
    Attributes:
        email (str):
        otp (str):
        password (str):
    """

    email: str
    otp: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        otp = self.otp

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "otp": otp,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        otp = d.pop("otp")

        password = d.pop("password")

        token_request = cls(
            email=email,
            otp=otp,
            password=password,
        )

        return token_request
