from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.resolve_in_kind import ResolveInKind

T = TypeVar("T", bound="ResolveIn")


@_attrs_define
class ResolveIn:
    """Turn a person (national number) or a file id into audit refs; the reason is required.

    Attributes:
        kind (ResolveInKind):
        reason (str):
        value (str):
    """

    kind: ResolveInKind
    reason: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        reason = self.reason

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "reason": reason,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = ResolveInKind(d.pop("kind"))

        reason = d.pop("reason")

        value = d.pop("value")

        resolve_in = cls(
            kind=kind,
            reason=reason,
            value=value,
        )

        return resolve_in
