from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.legal_hold_in_reason_code import LegalHoldInReasonCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="LegalHoldIn")


@_attrs_define
class LegalHoldIn:
    """Place a hold: a reason code is required; the optional note is stored encrypted.

    Attributes:
        reason_code (LegalHoldInReasonCode):
        note (None | str | Unset):
    """

    reason_code: LegalHoldInReasonCode
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason_code = self.reason_code.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason_code": reason_code,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason_code = LegalHoldInReasonCode(d.pop("reason_code"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        legal_hold_in = cls(
            reason_code=reason_code,
            note=note,
        )

        return legal_hold_in
