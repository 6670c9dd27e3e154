from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MessageIn")


@_attrs_define
class MessageIn:
    """A message in a thread: its category (the thread's by default), the members it is about
    (the thread's by default), the text and attachments uploaded before.

        Attributes:
            body (str):
            about (list[UUID] | Unset):
            attachments (list[UUID] | Unset):
            category (None | str | Unset):
    """

    body: str
    about: list[UUID] | Unset = UNSET
    attachments: list[UUID] | Unset = UNSET
    category: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        body = self.body

        about: list[str] | Unset = UNSET
        if not isinstance(self.about, Unset):
            about = []
            for about_item_data in self.about:
                about_item = str(about_item_data)
                about.append(about_item)

        attachments: list[str] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = str(attachments_item_data)
                attachments.append(attachments_item)

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "body": body,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if category is not UNSET:
            field_dict["category"] = category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        body = d.pop("body")

        _about = d.pop("about", UNSET)
        about: list[UUID] | Unset = UNSET
        if _about is not UNSET:
            about = []
            for about_item_data in _about:
                about_item = UUID(about_item_data)

                about.append(about_item)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[UUID] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = UUID(attachments_item_data)

                attachments.append(attachments_item)

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        message_in = cls(
            body=body,
            about=about,
            attachments=attachments,
            category=category,
        )

        return message_in
