from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgendaItem")


@_attrs_define
class AgendaItem:
    """One item of the agenda, and the members it concerns (none: the whole family).

    Attributes:
        text (str):
        about (list[UUID] | Unset):
    """

    text: str
    about: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        text = self.text

        about: list[str] | Unset = UNSET
        if not isinstance(self.about, Unset):
            about = []
            for about_item_data in self.about:
                about_item = str(about_item_data)
                about.append(about_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        text = d.pop("text")

        _about = d.pop("about", UNSET)
        about: list[UUID] | Unset = UNSET
        if _about is not UNSET:
            about = []
            for about_item_data in _about:
                about_item = UUID(about_item_data)

                about.append(about_item)

        agenda_item = cls(
            text=text,
            about=about,
        )

        return agenda_item
