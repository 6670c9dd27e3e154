from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExportMessage")


@_attrs_define
class ExportMessage:
    """A message in a thread addressed to the family: who wrote it and when; a message outside
    what the reader may see is withheld (no text).

        Attributes:
            attachments (int):
            author (str):
            body (None | str):
            created_at (datetime.datetime):
            withheld (bool):
    """

    attachments: int
    author: str
    body: None | str
    created_at: datetime.datetime
    withheld: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attachments = self.attachments

        author = self.author

        body: None | str
        body = self.body

        created_at = self.created_at.isoformat()

        withheld = self.withheld

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attachments": attachments,
                "author": author,
                "body": body,
                "created_at": created_at,
                "withheld": withheld,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attachments = d.pop("attachments")

        author = d.pop("author")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        withheld = d.pop("withheld")

        export_message = cls(
            attachments=attachments,
            author=author,
            body=body,
            created_at=created_at,
            withheld=withheld,
        )

        export_message.additional_properties = d
        return export_message

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
