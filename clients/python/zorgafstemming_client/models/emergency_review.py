from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.emergency_review_outcome import EmergencyReviewOutcome

T = TypeVar("T", bound="EmergencyReview")


@_attrs_define
class EmergencyReview:
    """The DPO's review: the outcome, by whom and when, the note, and a delay of telling the
    family (until the end of ``delay_until``), if one was recorded.

        Attributes:
            at (datetime.datetime):
            by_account_id (None | UUID):
            delay_reason (None | str):
            delay_until (datetime.date | None):
            note (str):
            outcome (EmergencyReviewOutcome):
    """

    at: datetime.datetime
    by_account_id: None | UUID
    delay_reason: None | str
    delay_until: datetime.date | None
    note: str
    outcome: EmergencyReviewOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        by_account_id: None | str
        if isinstance(self.by_account_id, UUID):
            by_account_id = str(self.by_account_id)
        else:
            by_account_id = self.by_account_id

        delay_reason: None | str
        delay_reason = self.delay_reason

        delay_until: None | str
        if isinstance(self.delay_until, datetime.date):
            delay_until = self.delay_until.isoformat()
        else:
            delay_until = self.delay_until

        note = self.note

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "by_account_id": by_account_id,
                "delay_reason": delay_reason,
                "delay_until": delay_until,
                "note": note,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_by_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                by_account_id_type_0 = UUID(data)

                return by_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        by_account_id = _parse_by_account_id(d.pop("by_account_id"))

        def _parse_delay_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        delay_reason = _parse_delay_reason(d.pop("delay_reason"))

        def _parse_delay_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delay_until_type_0 = datetime.date.fromisoformat(data)

                return delay_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        delay_until = _parse_delay_until(d.pop("delay_until"))

        note = d.pop("note")

        outcome = EmergencyReviewOutcome(d.pop("outcome"))

        emergency_review = cls(
            at=at,
            by_account_id=by_account_id,
            delay_reason=delay_reason,
            delay_until=delay_until,
            note=note,
            outcome=outcome,
        )

        emergency_review.additional_properties = d
        return emergency_review

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
