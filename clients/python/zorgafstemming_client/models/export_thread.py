from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_message import ExportMessage


T = TypeVar("T", bound="ExportThread")


@_attrs_define
class ExportThread:
    """A thread of messages between the partners and the family.

    Attributes:
        category (str):
        messages (list[ExportMessage]):
        subject (None | str):
    """

    category: str
    messages: list[ExportMessage]
    subject: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        subject: None | str
        subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "messages": messages,
                "subject": subject,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_message import ExportMessage  # noqa: PLC0415

        d = dict(src_dict)
        category = d.pop("category")

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = ExportMessage.from_dict(messages_item_data)

            messages.append(messages_item)

        def _parse_subject(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        subject = _parse_subject(d.pop("subject"))

        export_thread = cls(
            category=category,
            messages=messages,
            subject=subject,
        )

        export_thread.additional_properties = d
        return export_thread

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
