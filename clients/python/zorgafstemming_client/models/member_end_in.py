from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.member_end_in_reason import MemberEndInReason

T = TypeVar("T", bound="MemberEndIn")


@_attrs_define
class MemberEndIn:
    """End a member's membership of the file, with the reason.

    Attributes:
        reason (MemberEndInReason):
    """

    reason: MemberEndInReason

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = MemberEndInReason(d.pop("reason"))

        member_end_in = cls(
            reason=reason,
        )

        return member_end_in
