from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.erasure_in_decision import ErasureInDecision
from ..models.erasure_in_reason import ErasureInReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErasureIn")


@_attrs_define
class ErasureIn:
    """The DPO's decision on a request to erase a file, or one member of it (``member_id``).

    ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text: the
    decision outlives the file. ``request_id`` links the data-subject request it answers.

        Attributes:
            decision (ErasureInDecision):
            reason (ErasureInReason):
            member_id (None | Unset | UUID):
            request_id (None | Unset | UUID):
    """

    decision: ErasureInDecision
    reason: ErasureInReason
    member_id: None | Unset | UUID = UNSET
    request_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        reason = self.reason.value

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

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
                "decision": decision,
                "reason": reason,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ErasureInDecision(d.pop("decision"))

        reason = ErasureInReason(d.pop("reason"))

        def _parse_member_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        member_id = _parse_member_id(d.pop("member_id", UNSET))

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

        erasure_in = cls(
            decision=decision,
            reason=reason,
            member_id=member_id,
            request_id=request_id,
        )

        return erasure_in
