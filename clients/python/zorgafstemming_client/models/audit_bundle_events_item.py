from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_bundle_events_item_event import AuditBundleEventsItemEvent


T = TypeVar("T", bound="AuditBundleEventsItem")


@_attrs_define
class AuditBundleEventsItem:
    """
    Attributes:
        event (AuditBundleEventsItemEvent | Unset):
        leaf (str | Unset):
        proof (list[str] | Unset):
        seq (int | Unset):
    """

    event: AuditBundleEventsItemEvent | Unset = UNSET
    leaf: str | Unset = UNSET
    proof: list[str] | Unset = UNSET
    seq: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event: dict[str, Any] | Unset = UNSET
        if not isinstance(self.event, Unset):
            event = self.event.to_dict()

        leaf = self.leaf

        proof: list[str] | Unset = UNSET
        if not isinstance(self.proof, Unset):
            proof = self.proof

        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event is not UNSET:
            field_dict["event"] = event
        if leaf is not UNSET:
            field_dict["leaf"] = leaf
        if proof is not UNSET:
            field_dict["proof"] = proof
        if seq is not UNSET:
            field_dict["seq"] = seq

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_bundle_events_item_event import AuditBundleEventsItemEvent  # noqa: PLC0415

        d = dict(src_dict)
        _event = d.pop("event", UNSET)
        event: AuditBundleEventsItemEvent | Unset
        if isinstance(_event, Unset):
            event = UNSET
        else:
            event = AuditBundleEventsItemEvent.from_dict(_event)

        leaf = d.pop("leaf", UNSET)

        proof = cast(list[str], d.pop("proof", UNSET))

        seq = d.pop("seq", UNSET)

        audit_bundle_events_item = cls(
            event=event,
            leaf=leaf,
            proof=proof,
            seq=seq,
        )

        audit_bundle_events_item.additional_properties = d
        return audit_bundle_events_item

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
