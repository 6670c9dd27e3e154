from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DuplicateCheckIn")


@_attrs_define
class DuplicateCheckIn:
    """A person's national register number, and why you check (stored encrypted, shown to the
    data protection officer, never in the audit trail).

        Attributes:
            insz (str):
            reason (str):
    """

    insz: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        insz = self.insz

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "insz": insz,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        insz = d.pop("insz")

        reason = d.pop("reason")

        duplicate_check_in = cls(
            insz=insz,
            reason=reason,
        )

        return duplicate_check_in
