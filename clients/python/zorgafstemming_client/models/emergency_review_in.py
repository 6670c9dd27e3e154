from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.emergency_review_in_outcome import EmergencyReviewInOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmergencyReviewIn")


@_attrs_define
class EmergencyReviewIn:
    """The DPO's review of one grant: justified or not, with a note; optionally a reason to
    delay telling the family and the last day of the delay (both or neither).

        Attributes:
            note (str):
            outcome (EmergencyReviewInOutcome):
            delay_reason (None | str | Unset):
            delay_until (datetime.date | None | Unset):
    """

    note: str
    outcome: EmergencyReviewInOutcome
    delay_reason: None | str | Unset = UNSET
    delay_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        outcome = self.outcome.value

        delay_reason: None | str | Unset
        if isinstance(self.delay_reason, Unset):
            delay_reason = UNSET
        else:
            delay_reason = self.delay_reason

        delay_until: None | str | Unset
        if isinstance(self.delay_until, Unset):
            delay_until = UNSET
        elif isinstance(self.delay_until, datetime.date):
            delay_until = self.delay_until.isoformat()
        else:
            delay_until = self.delay_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "note": note,
                "outcome": outcome,
            }
        )
        if delay_reason is not UNSET:
            field_dict["delay_reason"] = delay_reason
        if delay_until is not UNSET:
            field_dict["delay_until"] = delay_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        note = d.pop("note")

        outcome = EmergencyReviewInOutcome(d.pop("outcome"))

        def _parse_delay_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        delay_reason = _parse_delay_reason(d.pop("delay_reason", UNSET))

        def _parse_delay_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delay_until_type_0 = datetime.date.fromisoformat(data)

                return delay_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        delay_until = _parse_delay_until(d.pop("delay_until", UNSET))

        emergency_review_in = cls(
            note=note,
            outcome=outcome,
            delay_reason=delay_reason,
            delay_until=delay_until,
        )

        return emergency_review_in
