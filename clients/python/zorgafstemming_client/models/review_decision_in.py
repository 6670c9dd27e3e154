from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.review_decision_in_outcome import ReviewDecisionInOutcome

T = TypeVar("T", bound="ReviewDecisionIn")


@_attrs_define
class ReviewDecisionIn:
    """The DPO's outcome: the consent was checked, or it goes back to the recorder.

    Attributes:
        outcome (ReviewDecisionInOutcome):
    """

    outcome: ReviewDecisionInOutcome

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = ReviewDecisionInOutcome(d.pop("outcome"))

        review_decision_in = cls(
            outcome=outcome,
        )

        return review_decision_in
