from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_annotation import ExportAnnotation


T = TypeVar("T", bound="ExportEntry")


@_attrs_define
class ExportEntry:
    """A journal entry shared with the reader: who wrote it (the organisation), about whom, and
    the rectifications written beside it.

        Attributes:
            about (list[str]):
            author_organisation (str):
            body (str):
            category (str):
            created_at (datetime.datetime):
            kind (str):
            annotations (list[ExportAnnotation] | Unset):
    """

    about: list[str]
    author_organisation: str
    body: str
    category: str
    created_at: datetime.datetime
    kind: str
    annotations: list[ExportAnnotation] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = self.about

        author_organisation = self.author_organisation

        body = self.body

        category = self.category

        created_at = self.created_at.isoformat()

        kind = self.kind

        annotations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = []
            for annotations_item_data in self.annotations:
                annotations_item = annotations_item_data.to_dict()
                annotations.append(annotations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "author_organisation": author_organisation,
                "body": body,
                "category": category,
                "created_at": created_at,
                "kind": kind,
            }
        )
        if annotations is not UNSET:
            field_dict["annotations"] = annotations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_annotation import ExportAnnotation  # noqa: PLC0415

        d = dict(src_dict)
        about = cast(list[str], d.pop("about"))

        author_organisation = d.pop("author_organisation")

        body = d.pop("body")

        category = d.pop("category")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        kind = d.pop("kind")

        _annotations = d.pop("annotations", UNSET)
        annotations: list[ExportAnnotation] | Unset = UNSET
        if _annotations is not UNSET:
            annotations = []
            for annotations_item_data in _annotations:
                annotations_item = ExportAnnotation.from_dict(annotations_item_data)

                annotations.append(annotations_item)

        export_entry = cls(
            about=about,
            author_organisation=author_organisation,
            body=body,
            category=category,
            created_at=created_at,
            kind=kind,
            annotations=annotations,
        )

        export_entry.additional_properties = d
        return export_entry

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
