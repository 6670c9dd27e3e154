from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.thread_in_audience import ThreadInAudience
from ..types import UNSET, Unset

T = TypeVar("T", bound="ThreadIn")


@_attrs_define
class ThreadIn:
    """A new thread: who reads it, the members it concerns, its subject and first message
    (both of one data category), and attachments uploaded before.

        Attributes:
            about (list[UUID]):
            audience (ThreadInAudience):
            body (str):
            category (str):
            subject (str):
            attachments (list[UUID] | Unset):
    """

    about: list[UUID]
    audience: ThreadInAudience
    body: str
    category: str
    subject: str
    attachments: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        audience = self.audience.value

        body = self.body

        category = self.category

        subject = self.subject

        attachments: list[str] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = str(attachments_item_data)
                attachments.append(attachments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "about": about,
                "audience": audience,
                "body": body,
                "category": category,
                "subject": subject,
            }
        )
        if attachments is not UNSET:
            field_dict["attachments"] = attachments

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        audience = ThreadInAudience(d.pop("audience"))

        body = d.pop("body")

        category = d.pop("category")

        subject = d.pop("subject")

        _attachments = d.pop("attachments", UNSET)
        attachments: list[UUID] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = UUID(attachments_item_data)

                attachments.append(attachments_item)

        thread_in = cls(
            about=about,
            audience=audience,
            body=body,
            category=category,
            subject=subject,
            attachments=attachments,
        )

        return thread_in
