from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.objection_out_state import ObjectionOutState

T = TypeVar("T", bound="ObjectionOut")


@_attrs_define
class ObjectionOut:
    """An objection: whose data, which consent, its state and the reasons (decrypted).

    Attributes:
        consent_id (UUID):
        decided_at (datetime.datetime | None):
        decision_reason (None | str):
        file_id (UUID):
        file_reference (str):
        id (UUID):
        member_id (UUID):
        raised_at (datetime.datetime):
        reasons (str):
        request_id (None | UUID):
        state (ObjectionOutState):
    """

    consent_id: UUID
    decided_at: datetime.datetime | None
    decision_reason: None | str
    file_id: UUID
    file_reference: str
    id: UUID
    member_id: UUID
    raised_at: datetime.datetime
    reasons: str
    request_id: None | UUID
    state: ObjectionOutState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consent_id = str(self.consent_id)

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason: None | str
        decision_reason = self.decision_reason

        file_id = str(self.file_id)

        file_reference = self.file_reference

        id = str(self.id)

        member_id = str(self.member_id)

        raised_at = self.raised_at.isoformat()

        reasons = self.reasons

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consent_id": consent_id,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "file_id": file_id,
                "file_reference": file_reference,
                "id": id,
                "member_id": member_id,
                "raised_at": raised_at,
                "reasons": reasons,
                "request_id": request_id,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consent_id = UUID(d.pop("consent_id"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decision_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_reason = _parse_decision_reason(d.pop("decision_reason"))

        file_id = UUID(d.pop("file_id"))

        file_reference = d.pop("file_reference")

        id = UUID(d.pop("id"))

        member_id = UUID(d.pop("member_id"))

        raised_at = datetime.datetime.fromisoformat(d.pop("raised_at"))

        reasons = d.pop("reasons")

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

        state = ObjectionOutState(d.pop("state"))

        objection_out = cls(
            consent_id=consent_id,
            decided_at=decided_at,
            decision_reason=decision_reason,
            file_id=file_id,
            file_reference=file_reference,
            id=id,
            member_id=member_id,
            raised_at=raised_at,
            reasons=reasons,
            request_id=request_id,
            state=state,
        )

        objection_out.additional_properties = d
        return objection_out

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
