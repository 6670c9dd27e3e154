from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_status_status import ReviewStatusStatus

T = TypeVar("T", bound="ReviewStatus")


@_attrs_define
class ReviewStatus:
    """The latest review outcome, by whom (the DPO's account) and when; ``none`` before any.

    Attributes:
        at (datetime.datetime | None):
        by_account_id (None | UUID):
        status (ReviewStatusStatus):
    """

    at: datetime.datetime | None
    by_account_id: None | UUID
    status: ReviewStatusStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at: None | str
        if isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        by_account_id: None | str
        if isinstance(self.by_account_id, UUID):
            by_account_id = str(self.by_account_id)
        else:
            by_account_id = self.by_account_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "by_account_id": by_account_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        at = _parse_at(d.pop("at"))

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

        status = ReviewStatusStatus(d.pop("status"))

        review_status = cls(
            at=at,
            by_account_id=by_account_id,
            status=status,
        )

        review_status.additional_properties = d
        return review_status

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
