from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.message_view_author import MessageViewAuthor
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attachment_view import AttachmentView


T = TypeVar("T", bound="MessageView")


@_attrs_define
class MessageView:
    """A message; ``body``, ``about`` and ``attachments`` are absent when it is withheld.
    ``author``: ``partner`` (``author_organisation_id`` names it) or ``family``.

        Attributes:
            author (MessageViewAuthor):
            author_organisation_id (None | UUID):
            category (str):
            created_at (datetime.datetime):
            id (UUID):
            thread_id (UUID):
            withheld (bool):
            about (list[UUID] | Unset):
            attachments (list[AttachmentView] | Unset):
            body (str | Unset):
    """

    author: MessageViewAuthor
    author_organisation_id: None | UUID
    category: str
    created_at: datetime.datetime
    id: UUID
    thread_id: UUID
    withheld: bool
    about: list[UUID] | Unset = UNSET
    attachments: list[AttachmentView] | Unset = UNSET
    body: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author.value

        author_organisation_id: None | str
        if isinstance(self.author_organisation_id, UUID):
            author_organisation_id = str(self.author_organisation_id)
        else:
            author_organisation_id = self.author_organisation_id

        category = self.category

        created_at = self.created_at.isoformat()

        id = str(self.id)

        thread_id = str(self.thread_id)

        withheld = self.withheld

        about: list[str] | Unset = UNSET
        if not isinstance(self.about, Unset):
            about = []
            for about_item_data in self.about:
                about_item = str(about_item_data)
                about.append(about_item)

        attachments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.attachments, Unset):
            attachments = []
            for attachments_item_data in self.attachments:
                attachments_item = attachments_item_data.to_dict()
                attachments.append(attachments_item)

        body = self.body

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "author_organisation_id": author_organisation_id,
                "category": category,
                "created_at": created_at,
                "id": id,
                "thread_id": thread_id,
                "withheld": withheld,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about
        if attachments is not UNSET:
            field_dict["attachments"] = attachments
        if body is not UNSET:
            field_dict["body"] = body

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attachment_view import AttachmentView  # noqa: PLC0415

        d = dict(src_dict)
        author = MessageViewAuthor(d.pop("author"))

        def _parse_author_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                author_organisation_id_type_0 = UUID(data)

                return author_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        author_organisation_id = _parse_author_organisation_id(d.pop("author_organisation_id"))

        category = d.pop("category")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        thread_id = UUID(d.pop("thread_id"))

        withheld = d.pop("withheld")

        _about = d.pop("about", UNSET)
        about: list[UUID] | Unset = UNSET
        if _about is not UNSET:
            about = []
            for about_item_data in _about:
                about_item = UUID(about_item_data)

                about.append(about_item)

        _attachments = d.pop("attachments", UNSET)
        attachments: list[AttachmentView] | Unset = UNSET
        if _attachments is not UNSET:
            attachments = []
            for attachments_item_data in _attachments:
                attachments_item = AttachmentView.from_dict(attachments_item_data)

                attachments.append(attachments_item)

        body = d.pop("body", UNSET)

        message_view = cls(
            author=author,
            author_organisation_id=author_organisation_id,
            category=category,
            created_at=created_at,
            id=id,
            thread_id=thread_id,
            withheld=withheld,
            about=about,
            attachments=attachments,
            body=body,
        )

        message_view.additional_properties = d
        return message_view

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
