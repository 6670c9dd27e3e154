from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExportWithheld")


@_attrs_define
class ExportWithheld:
    """An item about the reader that is withheld from them: when it was made and why (the
    reason's code and its Dutch label), nothing of what it holds.

        Attributes:
            created_at (datetime.datetime):
            kind (str):
            reason (str):
            reason_label (str):
    """

    created_at: datetime.datetime
    kind: str
    reason: str
    reason_label: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        kind = self.kind

        reason = self.reason

        reason_label = self.reason_label

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "kind": kind,
                "reason": reason,
                "reason_label": reason_label,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        kind = d.pop("kind")

        reason = d.pop("reason")

        reason_label = d.pop("reason_label")

        export_withheld = cls(
            created_at=created_at,
            kind=kind,
            reason=reason,
            reason_label=reason_label,
        )

        export_withheld.additional_properties = d
        return export_withheld

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
