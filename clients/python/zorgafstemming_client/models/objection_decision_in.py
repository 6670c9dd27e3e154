from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.objection_decision_in_outcome import ObjectionDecisionInOutcome

T = TypeVar("T", bound="ObjectionDecisionIn")


@_attrs_define
class ObjectionDecisionIn:
    """The lead organisation's decision on an objection, with the recorded reason: ``continue``
    (compelling legitimate grounds override the member's interests) or ``stop`` (the
    statute-based processing of the member's data ends, as a withdrawal ends a consent).

        Attributes:
            outcome (ObjectionDecisionInOutcome):
            reason (str):
    """

    outcome: ObjectionDecisionInOutcome
    reason: str

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = ObjectionDecisionInOutcome(d.pop("outcome"))

        reason = d.pop("reason")

        objection_decision_in = cls(
            outcome=outcome,
            reason=reason,
        )

        return objection_decision_in
