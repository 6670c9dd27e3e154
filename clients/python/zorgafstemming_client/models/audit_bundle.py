from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_bundle_format import AuditBundleFormat
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_bundle_checkpoints_item import AuditBundleCheckpointsItem
    from ..models.audit_bundle_consistency_item import AuditBundleConsistencyItem
    from ..models.audit_bundle_events_item import AuditBundleEventsItem


T = TypeVar("T", bound="AuditBundle")


@_attrs_define
class AuditBundle:
    """The sealed audit log for offline verification (`zorgafstemming audit verify`).

    Attributes:
        checkpoints (list[AuditBundleCheckpointsItem]):
        events (list[AuditBundleEventsItem]): Each sealed event: its canonical JSON, or its leaf hash once purged.
        exported_at (datetime.datetime):
        format_ (AuditBundleFormat):
        origin (str):
        public_key (str): The C2SP verifier key.
        consistency (list[AuditBundleConsistencyItem] | Unset):
    """

    checkpoints: list[AuditBundleCheckpointsItem]
    events: list[AuditBundleEventsItem]
    exported_at: datetime.datetime
    format_: AuditBundleFormat
    origin: str
    public_key: str
    consistency: list[AuditBundleConsistencyItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoints = []
        for checkpoints_item_data in self.checkpoints:
            checkpoints_item = checkpoints_item_data.to_dict()
            checkpoints.append(checkpoints_item)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        exported_at = self.exported_at.isoformat()

        format_ = self.format_.value

        origin = self.origin

        public_key = self.public_key

        consistency: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.consistency, Unset):
            consistency = []
            for consistency_item_data in self.consistency:
                consistency_item = consistency_item_data.to_dict()
                consistency.append(consistency_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checkpoints": checkpoints,
                "events": events,
                "exported_at": exported_at,
                "format": format_,
                "origin": origin,
                "public_key": public_key,
            }
        )
        if consistency is not UNSET:
            field_dict["consistency"] = consistency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_bundle_checkpoints_item import AuditBundleCheckpointsItem  # noqa: PLC0415
        from ..models.audit_bundle_consistency_item import AuditBundleConsistencyItem  # noqa: PLC0415
        from ..models.audit_bundle_events_item import AuditBundleEventsItem  # noqa: PLC0415

        d = dict(src_dict)
        checkpoints = []
        _checkpoints = d.pop("checkpoints")
        for checkpoints_item_data in _checkpoints:
            checkpoints_item = AuditBundleCheckpointsItem.from_dict(checkpoints_item_data)

            checkpoints.append(checkpoints_item)

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = AuditBundleEventsItem.from_dict(events_item_data)

            events.append(events_item)

        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        format_ = AuditBundleFormat(d.pop("format"))

        origin = d.pop("origin")

        public_key = d.pop("public_key")

        _consistency = d.pop("consistency", UNSET)
        consistency: list[AuditBundleConsistencyItem] | Unset = UNSET
        if _consistency is not UNSET:
            consistency = []
            for consistency_item_data in _consistency:
                consistency_item = AuditBundleConsistencyItem.from_dict(consistency_item_data)

                consistency.append(consistency_item)

        audit_bundle = cls(
            checkpoints=checkpoints,
            events=events,
            exported_at=exported_at,
            format_=format_,
            origin=origin,
            public_key=public_key,
            consistency=consistency,
        )

        audit_bundle.additional_properties = d
        return audit_bundle

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
