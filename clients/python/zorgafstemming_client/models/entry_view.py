from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.annotation_view import AnnotationView


T = TypeVar("T", bound="EntryView")


@_attrs_define
class EntryView:
    """A journal entry the caller may see, with the annotations beside it (oldest first).

    Attributes:
        about (list[UUID]):
        author_organisation_id (UUID):
        body (str):
        category (str):
        confidential (bool):
        created_at (datetime.datetime):
        id (UUID):
        kind (str):
        annotations (list[AnnotationView] | Unset):
        confidential_reason (None | str | Unset):
    """

    about: list[UUID]
    author_organisation_id: UUID
    body: str
    category: str
    confidential: bool
    created_at: datetime.datetime
    id: UUID
    kind: str
    annotations: list[AnnotationView] | Unset = UNSET
    confidential_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        author_organisation_id = str(self.author_organisation_id)

        body = self.body

        category = self.category

        confidential = self.confidential

        created_at = self.created_at.isoformat()

        id = str(self.id)

        kind = self.kind

        annotations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = []
            for annotations_item_data in self.annotations:
                annotations_item = annotations_item_data.to_dict()
                annotations.append(annotations_item)

        confidential_reason: None | str | Unset
        if isinstance(self.confidential_reason, Unset):
            confidential_reason = UNSET
        else:
            confidential_reason = self.confidential_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "author_organisation_id": author_organisation_id,
                "body": body,
                "category": category,
                "confidential": confidential,
                "created_at": created_at,
                "id": id,
                "kind": kind,
            }
        )
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if confidential_reason is not UNSET:
            field_dict["confidential_reason"] = confidential_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.annotation_view import AnnotationView  # noqa: PLC0415

        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        author_organisation_id = UUID(d.pop("author_organisation_id"))

        body = d.pop("body")

        category = d.pop("category")

        confidential = d.pop("confidential")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        _annotations = d.pop("annotations", UNSET)
        annotations: list[AnnotationView] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = AnnotationView.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        def _parse_confidential_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        confidential_reason = _parse_confidential_reason(d.pop("confidential_reason", UNSET))

        entry_view = cls(
            about=about,
            author_organisation_id=author_organisation_id,
            body=body,
            category=category,
            confidential=confidential,
            created_at=created_at,
            id=id,
            kind=kind,
            annotations=annotations,
            confidential_reason=confidential_reason,
        )

        entry_view.additional_properties = d
        return entry_view

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
