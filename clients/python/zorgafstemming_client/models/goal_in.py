from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="GoalIn")


@_attrs_define
class GoalIn:
    """A goal in the family's words, about one or more members; the category defaults to
    ``care_plan``.

        Attributes:
            about (list[UUID]):
            title (str):
            category (None | str | Unset):
            confidential (bool | Unset):  Default: False.
    """

    about: list[UUID]
    title: str
    category: None | str | Unset = UNSET
    confidential: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        title = self.title

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        confidential = self.confidential

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "about": about,
                "title": title,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if confidential is not UNSET:
            field_dict["confidential"] = confidential

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        title = d.pop("title")

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        confidential = d.pop("confidential", UNSET)

        goal_in = cls(
            about=about,
            title=title,
            category=category,
            confidential=confidential,
        )

        return goal_in
