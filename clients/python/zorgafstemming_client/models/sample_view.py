from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SampleView")


@_attrs_define
class SampleView:
    """One month's sample: seed and rate (to draw it again) and where the answers stand.

    Attributes:
        answered (int):
        created_at (datetime.datetime):
        due_at (datetime.datetime):
        id (UUID):
        items (int):
        month (str):
        not_justified (int):
        open_ (int):
        overdue (int):
        rate_percent (float):
        reads_seen (int):
        seed (str):
    """

    answered: int
    created_at: datetime.datetime
    due_at: datetime.datetime
    id: UUID
    items: int
    month: str
    not_justified: int
    open_: int
    overdue: int
    rate_percent: float
    reads_seen: int
    seed: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answered = self.answered

        created_at = self.created_at.isoformat()

        due_at = self.due_at.isoformat()

        id = str(self.id)

        items = self.items

        month = self.month

        not_justified = self.not_justified

        open_ = self.open_

        overdue = self.overdue

        rate_percent = self.rate_percent

        reads_seen = self.reads_seen

        seed = self.seed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answered": answered,
                "created_at": created_at,
                "due_at": due_at,
                "id": id,
                "items": items,
                "month": month,
                "not_justified": not_justified,
                "open": open_,
                "overdue": overdue,
                "rate_percent": rate_percent,
                "reads_seen": reads_seen,
                "seed": seed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answered = d.pop("answered")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        id = UUID(d.pop("id"))

        items = d.pop("items")

        month = d.pop("month")

        not_justified = d.pop("not_justified")

        open_ = d.pop("open")

        overdue = d.pop("overdue")

        rate_percent = d.pop("rate_percent")

        reads_seen = d.pop("reads_seen")

        seed = d.pop("seed")

        sample_view = cls(
            answered=answered,
            created_at=created_at,
            due_at=due_at,
            id=id,
            items=items,
            month=month,
            not_justified=not_justified,
            open_=open_,
            overdue=overdue,
            rate_percent=rate_percent,
            reads_seen=reads_seen,
            seed=seed,
        )

        sample_view.additional_properties = d
        return sample_view

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
