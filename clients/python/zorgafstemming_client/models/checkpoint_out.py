from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CheckpointOut")


@_attrs_define
class CheckpointOut:
    """The latest signed tree head; ``note`` is the C2SP checkpoint to keep for later checks.

    Attributes:
        note (str):
        root_hash (str):
        sealed_at (datetime.datetime):
        tree_size (int):
    """

    note: str
    root_hash: str
    sealed_at: datetime.datetime
    tree_size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        root_hash = self.root_hash

        sealed_at = self.sealed_at.isoformat()

        tree_size = self.tree_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "note": note,
                "root_hash": root_hash,
                "sealed_at": sealed_at,
                "tree_size": tree_size,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        note = d.pop("note")

        root_hash = d.pop("root_hash")

        sealed_at = datetime.datetime.fromisoformat(d.pop("sealed_at"))

        tree_size = d.pop("tree_size")

        checkpoint_out = cls(
            note=note,
            root_hash=root_hash,
            sealed_at=sealed_at,
            tree_size=tree_size,
        )

        checkpoint_out.additional_properties = d
        return checkpoint_out

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
