from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EventOut")


@_attrs_define
class EventOut:
    """One audit event as the DPO sees it: refs only, never names.

    Attributes:
        action (None | str):
        actor_org_ref (None | str):
        actor_ref (None | str):
        actor_role (None | str):
        body_purged (bool):
        client_ref (None | str):
        data_category (None | str):
        file_ref (None | str):
        id (UUID):
        object_ref (None | str):
        object_type (None | str):
        occurred_at (datetime.datetime):
        outcome (None | str):
        policy_id (None | str):
        request_id (None | str):
        sealed (bool):
        seq (int | None):
    """

    action: None | str
    actor_org_ref: None | str
    actor_ref: None | str
    actor_role: None | str
    body_purged: bool
    client_ref: None | str
    data_category: None | str
    file_ref: None | str
    id: UUID
    object_ref: None | str
    object_type: None | str
    occurred_at: datetime.datetime
    outcome: None | str
    policy_id: None | str
    request_id: None | str
    sealed: bool
    seq: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action: None | str
        action = self.action

        actor_org_ref: None | str
        actor_org_ref = self.actor_org_ref

        actor_ref: None | str
        actor_ref = self.actor_ref

        actor_role: None | str
        actor_role = self.actor_role

        body_purged = self.body_purged

        client_ref: None | str
        client_ref = self.client_ref

        data_category: None | str
        data_category = self.data_category

        file_ref: None | str
        file_ref = self.file_ref

        id = str(self.id)

        object_ref: None | str
        object_ref = self.object_ref

        object_type: None | str
        object_type = self.object_type

        occurred_at = self.occurred_at.isoformat()

        outcome: None | str
        outcome = self.outcome

        policy_id: None | str
        policy_id = self.policy_id

        request_id: None | str
        request_id = self.request_id

        sealed = self.sealed

        seq: int | None
        seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor_org_ref": actor_org_ref,
                "actor_ref": actor_ref,
                "actor_role": actor_role,
                "body_purged": body_purged,
                "client_ref": client_ref,
                "data_category": data_category,
                "file_ref": file_ref,
                "id": id,
                "object_ref": object_ref,
                "object_type": object_type,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "policy_id": policy_id,
                "request_id": request_id,
                "sealed": sealed,
                "seq": seq,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_action(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action = _parse_action(d.pop("action"))

        def _parse_actor_org_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_org_ref = _parse_actor_org_ref(d.pop("actor_org_ref"))

        def _parse_actor_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_ref = _parse_actor_ref(d.pop("actor_ref"))

        def _parse_actor_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_role = _parse_actor_role(d.pop("actor_role"))

        body_purged = d.pop("body_purged")

        def _parse_client_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_ref = _parse_client_ref(d.pop("client_ref"))

        def _parse_data_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        data_category = _parse_data_category(d.pop("data_category"))

        def _parse_file_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_ref = _parse_file_ref(d.pop("file_ref"))

        id = UUID(d.pop("id"))

        def _parse_object_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_ref = _parse_object_ref(d.pop("object_ref"))

        def _parse_object_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_type = _parse_object_type(d.pop("object_type"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        def _parse_policy_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        policy_id = _parse_policy_id(d.pop("policy_id"))

        def _parse_request_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        request_id = _parse_request_id(d.pop("request_id"))

        sealed = d.pop("sealed")

        def _parse_seq(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seq = _parse_seq(d.pop("seq"))

        event_out = cls(
            action=action,
            actor_org_ref=actor_org_ref,
            actor_ref=actor_ref,
            actor_role=actor_role,
            body_purged=body_purged,
            client_ref=client_ref,
            data_category=data_category,
            file_ref=file_ref,
            id=id,
            object_ref=object_ref,
            object_type=object_type,
            occurred_at=occurred_at,
            outcome=outcome,
            policy_id=policy_id,
            request_id=request_id,
            sealed=sealed,
            seq=seq,
        )

        event_out.additional_properties = d
        return event_out

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
