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
    """The DPO's decision on the family's request to erase a file, or one member of it
    (``member_id``).

    ``request_id`` is required: the open erasure request (GDPR art. 17) the decision answers,
    filed by the family or by a partner's worker on its behalf — about this file and, for a
    member's erasure, about that member. A DPO cannot erase without one (422 on
    ``request_id``). A grant answers the request, a refusal refuses it with the reason.
    ``reason`` is a code (GDPR art. 17(1) grounds, art. 17(3) exceptions), never free text: the
    decision outlives the file.

        Attributes:
            decision (ErasureInDecision):
            reason (ErasureInReason):
            request_id (UUID): The open erasure request of the family this decision answers (required): about this file and,
                for a member's erasure, about that member.
            member_id (None | Unset | UUID):
    """

    decision: ErasureInDecision
    reason: ErasureInReason
    request_id: UUID
    member_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision.value

        reason = self.reason.value

        request_id = str(self.request_id)

        member_id: None | str | Unset
        if isinstance(self.member_id, Unset):
            member_id = UNSET
        elif isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "reason": reason,
                "request_id": request_id,
            }
        )
        if member_id is not UNSET:
            field_dict["member_id"] = member_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decision = ErasureInDecision(d.pop("decision"))

        reason = ErasureInReason(d.pop("reason"))

        request_id = UUID(d.pop("request_id"))

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

        erasure_in = cls(
            decision=decision,
            reason=reason,
            request_id=request_id,
            member_id=member_id,
        )

        return erasure_in
