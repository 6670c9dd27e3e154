from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.thread_view_audience import ThreadViewAudience
from ..types import UNSET, Unset

T = TypeVar("T", bound="ThreadView")


@_attrs_define
class ThreadView:
    """A thread on a file; ``subject`` is absent when it is withheld.

    Attributes:
        audience (ThreadViewAudience):
        category (str):
        created_at (datetime.datetime):
        created_by_organisation_id (UUID):
        file_id (UUID):
        id (UUID):
        last_message_at (datetime.datetime):
        reference (str):
        withheld (bool):
        about (list[UUID] | Unset):
        subject (str | Unset):
    """

    audience: ThreadViewAudience
    category: str
    created_at: datetime.datetime
    created_by_organisation_id: UUID
    file_id: UUID
    id: UUID
    last_message_at: datetime.datetime
    reference: str
    withheld: bool
    about: list[UUID] | Unset = UNSET
    subject: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        audience = self.audience.value

        category = self.category

        created_at = self.created_at.isoformat()

        created_by_organisation_id = str(self.created_by_organisation_id)

        file_id = str(self.file_id)

        id = str(self.id)

        last_message_at = self.last_message_at.isoformat()

        reference = self.reference

        withheld = self.withheld

        about: list[str] | Unset = UNSET
        if not isinstance(self.about, Unset):
            about = []
            for about_item_data in self.about:
                about_item = str(about_item_data)
                about.append(about_item)

        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "audience": audience,
                "category": category,
                "created_at": created_at,
                "created_by_organisation_id": created_by_organisation_id,
                "file_id": file_id,
                "id": id,
                "last_message_at": last_message_at,
                "reference": reference,
                "withheld": withheld,
            }
        )
        if about is not UNSET:
            field_dict["about"] = about
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        audience = ThreadViewAudience(d.pop("audience"))

        category = d.pop("category")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by_organisation_id = UUID(d.pop("created_by_organisation_id"))

        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        last_message_at = datetime.datetime.fromisoformat(d.pop("last_message_at"))

        reference = d.pop("reference")

        withheld = d.pop("withheld")

        _about = d.pop("about", UNSET)
        about: list[UUID] | Unset = UNSET
        if _about is not UNSET:
            about = []
            for about_item_data in _about:
                about_item = UUID(about_item_data)

                about.append(about_item)

        subject = d.pop("subject", UNSET)

        thread_view = cls(
            audience=audience,
            category=category,
            created_at=created_at,
            created_by_organisation_id=created_by_organisation_id,
            file_id=file_id,
            id=id,
            last_message_at=last_message_at,
            reference=reference,
            withheld=withheld,
            about=about,
            subject=subject,
        )

        thread_view.additional_properties = d
        return thread_view

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
