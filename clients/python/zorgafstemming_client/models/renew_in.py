from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RenewIn")


@_attrs_define
class RenewIn:
    """Extend a consent in force to a new end, optionally with a scan of the signed renewal.

    Attributes:
        valid_until (datetime.datetime):
        evidence_id (None | Unset | UUID):
    """

    valid_until: datetime.datetime
    evidence_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        valid_until = self.valid_until.isoformat()

        evidence_id: None | str | Unset
        if isinstance(self.evidence_id, Unset):
            evidence_id = UNSET
        elif isinstance(self.evidence_id, UUID):
            evidence_id = str(self.evidence_id)
        else:
            evidence_id = self.evidence_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "valid_until": valid_until,
            }
        )
        if evidence_id is not UNSET:
            field_dict["evidence_id"] = evidence_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        def _parse_evidence_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                evidence_id_type_0 = UUID(data)

                return evidence_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        evidence_id = _parse_evidence_id(d.pop("evidence_id", UNSET))

        renew_in = cls(
            valid_until=valid_until,
            evidence_id=evidence_id,
        )

        return renew_in
