from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.referral_decline_in_reason import ReferralDeclineInReason

T = TypeVar("T", bound="ReferralDeclineIn")


@_attrs_define
class ReferralDeclineIn:
    """Decline a referral, with a reason code (never free text).

    Attributes:
        reason (ReferralDeclineInReason):
    """

    reason: ReferralDeclineInReason

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
        reason = ReferralDeclineInReason(d.pop("reason"))

        referral_decline_in = cls(
            reason=reason,
        )

        return referral_decline_in
