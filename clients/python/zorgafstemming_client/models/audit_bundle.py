from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_bundle_format import AuditBundleFormat
from ..models.audit_bundle_scope import AuditBundleScope
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_bundle_checkpoints_item import AuditBundleCheckpointsItem
    from ..models.audit_bundle_consistency_item import AuditBundleConsistencyItem
    from ..models.audit_bundle_events_item import AuditBundleEventsItem
    from ..models.audit_bundle_log_item import AuditBundleLogItem


T = TypeVar("T", bound="AuditBundle")


@_attrs_define
class AuditBundle:
    """The sealed audit log, or the events a filter selects with their inclusion proofs, for offline verification
    (`zorgafstemming audit verify`).

        Attributes:
            checkpoints (list[AuditBundleCheckpointsItem]):
            exported_at (datetime.datetime):
            format_ (AuditBundleFormat):
            origin (str):
            public_key (str): The C2SP verifier key.
            consistency (list[AuditBundleConsistencyItem] | Unset):
            events (list[AuditBundleEventsItem] | Unset): A selection: each matching event with its seq, leaf hash,
                canonical JSON (absent once purged) and inclusion proof.
            leaves (str | Unset): Whole log: every leaf hash as stored, concatenated.
            log (list[AuditBundleLogItem] | Unset): Whole log: the canonical JSON of every other event, in seq order.
            purged (list[int] | Unset): Whole log: the positions of the events whose body was purged.
            scope (AuditBundleScope | Unset): The whole sealed log, or the events that match the filter.
            selection (None | str | Unset): A selection's signed note: the filter, the checkpoint, how many events matched
                and a digest of their positions and leaf hashes.
    """

    checkpoints: list[AuditBundleCheckpointsItem]
    exported_at: datetime.datetime
    format_: AuditBundleFormat
    origin: str
    public_key: str
    consistency: list[AuditBundleConsistencyItem] | Unset = UNSET
    events: list[AuditBundleEventsItem] | Unset = UNSET
    leaves: str | Unset = UNSET
    log: list[AuditBundleLogItem] | Unset = UNSET
    purged: list[int] | Unset = UNSET
    scope: AuditBundleScope | Unset = UNSET
    selection: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        checkpoints = []
        for checkpoints_item_data in self.checkpoints:
            checkpoints_item = checkpoints_item_data.to_dict()
            checkpoints.append(checkpoints_item)

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

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        leaves = self.leaves

        log: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.log, Unset):
            log = []
            for log_item_data in self.log:
                log_item = log_item_data.to_dict()
                log.append(log_item)

        purged: list[int] | Unset = UNSET
        if not isinstance(self.purged, Unset):
            purged = self.purged

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        selection: None | str | Unset
        if isinstance(self.selection, Unset):
            selection = UNSET
        else:
            selection = self.selection

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "checkpoints": checkpoints,
                "exported_at": exported_at,
                "format": format_,
                "origin": origin,
                "public_key": public_key,
            }
        )
        if consistency is not UNSET:
            field_dict["consistency"] = consistency
        if events is not UNSET:
            field_dict["events"] = events
        if leaves is not UNSET:
            field_dict["leaves"] = leaves
        if log is not UNSET:
            field_dict["log"] = log
        if purged is not UNSET:
            field_dict["purged"] = purged
        if scope is not UNSET:
            field_dict["scope"] = scope
        if selection is not UNSET:
            field_dict["selection"] = selection

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_bundle_checkpoints_item import AuditBundleCheckpointsItem  # noqa: PLC0415
        from ..models.audit_bundle_consistency_item import AuditBundleConsistencyItem  # noqa: PLC0415
        from ..models.audit_bundle_events_item import AuditBundleEventsItem  # noqa: PLC0415
        from ..models.audit_bundle_log_item import AuditBundleLogItem  # noqa: PLC0415

        d = dict(src_dict)
        checkpoints = []
        _checkpoints = d.pop("checkpoints")
        for checkpoints_item_data in _checkpoints:
            checkpoints_item = AuditBundleCheckpointsItem.from_dict(checkpoints_item_data)

            checkpoints.append(checkpoints_item)

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

        _events = d.pop("events", UNSET)
        events: list[AuditBundleEventsItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = AuditBundleEventsItem.from_dict(events_item_data)

                events.append(events_item)

        leaves = d.pop("leaves", UNSET)

        _log = d.pop("log", UNSET)
        log: list[AuditBundleLogItem] | Unset = UNSET
        if _log is not UNSET:
            log = []
            for log_item_data in _log:
                log_item = AuditBundleLogItem.from_dict(log_item_data)

                log.append(log_item)

        purged = cast(list[int], d.pop("purged", UNSET))

        _scope = d.pop("scope", UNSET)
        scope: AuditBundleScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = AuditBundleScope(_scope)

        def _parse_selection(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        selection = _parse_selection(d.pop("selection", UNSET))

        audit_bundle = cls(
            checkpoints=checkpoints,
            exported_at=exported_at,
            format_=format_,
            origin=origin,
            public_key=public_key,
            consistency=consistency,
            events=events,
            leaves=leaves,
            log=log,
            purged=purged,
            scope=scope,
            selection=selection,
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
