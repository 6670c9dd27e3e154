from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.decision_in import DecisionIn


T = TypeVar("T", bound="MinutesIn")


@_attrs_define
class MinutesIn:
    """The minutes of a held meeting (lead only): a journal entry of kind ``meeting_record``
    about the invited members, and its decisions.

        Attributes:
            body (str):
            category (None | str | Unset):
            decisions (list[DecisionIn] | Unset):
    """

    body: str
    category: None | str | Unset = UNSET
    decisions: list[DecisionIn] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        decisions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.decisions, Unset):
            decisions = []
            for decisions_item_data in self.decisions:
                decisions_item = decisions_item_data.to_dict()
                decisions.append(decisions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if decisions is not UNSET:
            field_dict["decisions"] = decisions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_in import DecisionIn  # noqa: PLC0415

        d = dict(src_dict)
        body = d.pop("body")

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        _decisions = d.pop("decisions", UNSET)
        decisions: list[DecisionIn] | Unset = UNSET
        if _decisions is not UNSET:
            decisions = []
            for decisions_item_data in _decisions:
                decisions_item = DecisionIn.from_dict(decisions_item_data)

                decisions.append(decisions_item)

        minutes_in = cls(
            body=body,
            category=category,
            decisions=decisions,
        )

        return minutes_in
