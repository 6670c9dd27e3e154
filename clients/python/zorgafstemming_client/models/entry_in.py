from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EntryIn")


@_attrs_define
class EntryIn:
    """A journal entry: kind and category from the vocabulary, about one or more members.

    A ``confidential`` entry is withheld from the family and needs a ``confidential_reason``
    (a code of the vocabulary's ``confidential_reasons``), which the family is told instead of
    the text; an entry that is not confidential takes none.

        Attributes:
            about (list[UUID]):
            body (str):
            kind (str):
            category (None | str | Unset):
            confidential (bool | Unset):  Default: False.
            confidential_reason (None | str | Unset):
    """

    about: list[UUID]
    body: str
    kind: str
    category: None | str | Unset = UNSET
    confidential: bool | Unset = False
    confidential_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        body = self.body

        kind = self.kind

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        confidential = self.confidential

        confidential_reason: None | str | Unset
        if isinstance(self.confidential_reason, Unset):
            confidential_reason = UNSET
        else:
            confidential_reason = self.confidential_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "about": about,
                "body": body,
                "kind": kind,
            }
        )
        if category is not UNSET:
            field_dict["category"] = category
        if confidential is not UNSET:
            field_dict["confidential"] = confidential
        if confidential_reason is not UNSET:
            field_dict["confidential_reason"] = confidential_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        body = d.pop("body")

        kind = d.pop("kind")

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        confidential = d.pop("confidential", UNSET)

        def _parse_confidential_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        confidential_reason = _parse_confidential_reason(d.pop("confidential_reason", UNSET))

        entry_in = cls(
            about=about,
            body=body,
            kind=kind,
            category=category,
            confidential=confidential,
            confidential_reason=confidential_reason,
        )

        return entry_in
