from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnnotationView")


@_attrs_define
class AnnotationView:
    """An annotation beside a journal entry, as shown with the entry.

    Attributes:
        author_organisation_id (UUID):
        body (str):
        created_at (datetime.datetime):
        entry_id (UUID):
        id (UUID):
        request_id (None | Unset | UUID):
    """

    author_organisation_id: UUID
    body: str
    created_at: datetime.datetime
    entry_id: UUID
    id: UUID
    request_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_organisation_id = str(self.author_organisation_id)

        body = self.body

        created_at = self.created_at.isoformat()

        entry_id = str(self.entry_id)

        id = str(self.id)

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author_organisation_id": author_organisation_id,
                "body": body,
                "created_at": created_at,
                "entry_id": entry_id,
                "id": id,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author_organisation_id = UUID(d.pop("author_organisation_id"))

        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        entry_id = UUID(d.pop("entry_id"))

        id = UUID(d.pop("id"))

        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        annotation_view = cls(
            author_organisation_id=author_organisation_id,
            body=body,
            created_at=created_at,
            entry_id=entry_id,
            id=id,
            request_id=request_id,
        )

        annotation_view.additional_properties = d
        return annotation_view

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
