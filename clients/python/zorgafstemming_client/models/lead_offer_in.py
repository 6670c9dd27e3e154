from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="LeadOfferIn")


@_attrs_define
class LeadOfferIn:
    """Offer the lead of the file to a partner organisation taking part under consent.

    Attributes:
        organisation_id (UUID):
    """

    organisation_id: UUID

    def to_dict(self) -> dict[str, Any]:
        organisation_id = str(self.organisation_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "organisation_id": organisation_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        organisation_id = UUID(d.pop("organisation_id"))

        lead_offer_in = cls(
            organisation_id=organisation_id,
        )

        return lead_offer_in
