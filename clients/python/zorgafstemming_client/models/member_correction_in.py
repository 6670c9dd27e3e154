from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.member_correction_in_reason import MemberCorrectionInReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="MemberCorrectionIn")


@_attrs_define
class MemberCorrectionIn:
    """The corrected fields of a member (only those present change; ``null`` clears an optional
    one), why, and an optional note (kept encrypted, shown to the family). ``request_id``: the
    data-subject request (GDPR art. 16) it answers, if any.

        Attributes:
            reason (MemberCorrectionInReason):
            address (None | str | Unset):
            birth_date (datetime.date | Unset):
            email (None | str | Unset):
            family_name (str | Unset):
            given_name (str | Unset):
            insz (None | str | Unset):
            note (None | str | Unset):
            phone (None | str | Unset):
            request_id (None | Unset | UUID):
    """

    reason: MemberCorrectionInReason
    address: None | str | Unset = UNSET
    birth_date: datetime.date | Unset = UNSET
    email: None | str | Unset = UNSET
    family_name: str | Unset = UNSET
    given_name: str | Unset = UNSET
    insz: None | str | Unset = UNSET
    note: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    request_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        birth_date: str | Unset = UNSET
        if not isinstance(self.birth_date, Unset):
            birth_date = self.birth_date.isoformat()

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

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
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
        if note is not UNSET:
            field_dict["note"] = note
        if phone is not UNSET:
            field_dict["phone"] = phone
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = MemberCorrectionInReason(d.pop("reason"))

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        _birth_date = d.pop("birth_date", UNSET)
        birth_date: datetime.date | Unset
        if isinstance(_birth_date, Unset):
            birth_date = UNSET
        else:
            birth_date = datetime.date.fromisoformat(_birth_date)

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

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        member_correction_in = cls(
            reason=reason,
            address=address,
            birth_date=birth_date,
            email=email,
            family_name=family_name,
            given_name=given_name,
            insz=insz,
            note=note,
            phone=phone,
            request_id=request_id,
        )

        return member_correction_in
