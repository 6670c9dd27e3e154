from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.referral_in_urgency import ReferralInUrgency
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferralIn")


@_attrs_define
class ReferralIn:
    """Refer the family to another partner organisation: the purpose (vocabulary), urgency and
    a hand-over note with its data category; your organisation's consent must cover that
    category for the purpose.

        Attributes:
            note (str):
            note_category (str):
            purpose (str):
            to_organisation_id (UUID):
            urgency (ReferralInUrgency | Unset):  Default: ReferralInUrgency.ROUTINE.
    """

    note: str
    note_category: str
    purpose: str
    to_organisation_id: UUID
    urgency: ReferralInUrgency | Unset = ReferralInUrgency.ROUTINE

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        note_category = self.note_category

        purpose = self.purpose

        to_organisation_id = str(self.to_organisation_id)

        urgency: str | Unset = UNSET
        if not isinstance(self.urgency, Unset):
            urgency = self.urgency.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "note": note,
                "note_category": note_category,
                "purpose": purpose,
                "to_organisation_id": to_organisation_id,
            }
        )
        if urgency is not UNSET:
            field_dict["urgency"] = urgency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        note = d.pop("note")

        note_category = d.pop("note_category")

        purpose = d.pop("purpose")

        to_organisation_id = UUID(d.pop("to_organisation_id"))

        _urgency = d.pop("urgency", UNSET)
        urgency: ReferralInUrgency | Unset
        if isinstance(_urgency, Unset):
            urgency = UNSET
        else:
            urgency = ReferralInUrgency(_urgency)

        referral_in = cls(
            note=note,
            note_category=note_category,
            purpose=purpose,
            to_organisation_id=to_organisation_id,
            urgency=urgency,
        )

        return referral_in
