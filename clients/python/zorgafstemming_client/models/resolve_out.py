from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ResolveOut")


@_attrs_define
class ResolveOut:
    """Refs to filter ``/audit/events`` with; empty lists when nothing matches.

    Attributes:
        actor_refs (list[str]):
        file_refs (list[str]):
        kind (str):
        object_refs (list[str]):
        resolution_id (UUID):
    """

    actor_refs: list[str]
    file_refs: list[str]
    kind: str
    object_refs: list[str]
    resolution_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_refs = self.actor_refs

        file_refs = self.file_refs

        kind = self.kind

        object_refs = self.object_refs

        resolution_id = str(self.resolution_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_refs": actor_refs,
                "file_refs": file_refs,
                "kind": kind,
                "object_refs": object_refs,
                "resolution_id": resolution_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_refs = cast(list[str], d.pop("actor_refs"))

        file_refs = cast(list[str], d.pop("file_refs"))

        kind = d.pop("kind")

        object_refs = cast(list[str], d.pop("object_refs"))

        resolution_id = UUID(d.pop("resolution_id"))

        resolve_out = cls(
            actor_refs=actor_refs,
            file_refs=file_refs,
            kind=kind,
            object_refs=object_refs,
            resolution_id=resolution_id,
        )

        resolve_out.additional_properties = d
        return resolve_out

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
