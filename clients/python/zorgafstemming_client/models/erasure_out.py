from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.erasure_out_erased_counts import ErasureOutErasedCounts


T = TypeVar("T", bound="ErasureOut")


@_attrs_define
class ErasureOut:
    """The recorded decision (pseudonymous, as kept) and what a granted erasure removed.

    Attributes:
        decided_at (datetime.datetime):
        decision (str):
        erased_counts (ErasureOutErasedCounts):
        file_ref (str):
        id (UUID):
        member_ref (None | str):
        notified_organisations (int):
        proof_ok (bool):
        reason (str):
        request_id (None | UUID):
    """

    decided_at: datetime.datetime
    decision: str
    erased_counts: ErasureOutErasedCounts
    file_ref: str
    id: UUID
    member_ref: None | str
    notified_organisations: int
    proof_ok: bool
    reason: str
    request_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_at = self.decided_at.isoformat()

        decision = self.decision

        erased_counts = self.erased_counts.to_dict()

        file_ref = self.file_ref

        id = str(self.id)

        member_ref: None | str
        member_ref = self.member_ref

        notified_organisations = self.notified_organisations

        proof_ok = self.proof_ok

        reason = self.reason

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_at": decided_at,
                "decision": decision,
                "erased_counts": erased_counts,
                "file_ref": file_ref,
                "id": id,
                "member_ref": member_ref,
                "notified_organisations": notified_organisations,
                "proof_ok": proof_ok,
                "reason": reason,
                "request_id": request_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.erasure_out_erased_counts import ErasureOutErasedCounts  # noqa: PLC0415

        d = dict(src_dict)
        decided_at = datetime.datetime.fromisoformat(d.pop("decided_at"))

        decision = d.pop("decision")

        erased_counts = ErasureOutErasedCounts.from_dict(d.pop("erased_counts"))

        file_ref = d.pop("file_ref")

        id = UUID(d.pop("id"))

        def _parse_member_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        member_ref = _parse_member_ref(d.pop("member_ref"))

        notified_organisations = d.pop("notified_organisations")

        proof_ok = d.pop("proof_ok")

        reason = d.pop("reason")

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        erasure_out = cls(
            decided_at=decided_at,
            decision=decision,
            erased_counts=erased_counts,
            file_ref=file_ref,
            id=id,
            member_ref=member_ref,
            notified_organisations=notified_organisations,
            proof_ok=proof_ok,
            reason=reason,
            request_id=request_id,
        )

        erasure_out.additional_properties = d
        return erasure_out

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
