from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionsToPlanIn")


@_attrs_define
class DecisionsToPlanIn:
    """Turn the decisions of a meeting's minutes into actions towards ``goal_id`` of the family
    plan, about the members named (``about``) and of a data category (the plan's default when
    left out): each decision's text, owner organisation and due date become the action's.

        Attributes:
            about (list[UUID]):
            goal_id (UUID):
            category (None | str | Unset):
    """

    about: list[UUID]
    goal_id: UUID
    category: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        goal_id = str(self.goal_id)

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "about": about,
                "goal_id": goal_id,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        goal_id = UUID(d.pop("goal_id"))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        decisions_to_plan_in = cls(
            about=about,
            goal_id=goal_id,
            category=category,
        )

        return decisions_to_plan_in
