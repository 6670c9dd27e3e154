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
    plan, about the members named (``about``; the goal's when left out) and of a data category
    (the goal's when left out): each decision's text, owner organisation and due date become
    the action's.

        Attributes:
            goal_id (UUID):
            about (list[UUID] | None | Unset):
            category (None | str | Unset):
    """

    goal_id: UUID
    about: list[UUID] | None | Unset = UNSET
    category: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        goal_id = str(self.goal_id)

        about: list[str] | None | Unset
        if isinstance(self.about, Unset):
            about = UNSET
        elif isinstance(self.about, list):
            about = []
            for about_type_0_item_data in self.about:
                about_type_0_item = str(about_type_0_item_data)
                about.append(about_type_0_item)

        else:
            about = self.about

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "goal_id": goal_id,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        goal_id = UUID(d.pop("goal_id"))

        def _parse_about(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                about_type_0 = []
                _about_type_0 = data
                for about_type_0_item_data in _about_type_0:
                    about_type_0_item = UUID(about_type_0_item_data)

                    about_type_0.append(about_type_0_item)

                return about_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        about = _parse_about(d.pop("about", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        decisions_to_plan_in = cls(
            goal_id=goal_id,
            about=about,
            category=category,
        )

        return decisions_to_plan_in
