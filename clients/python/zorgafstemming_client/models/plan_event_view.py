from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanEventView")


@_attrs_define
class PlanEventView:
    """One change of the plan: ``kind`` (goal_created, action_created, status_changed,
    comment_added), the status before and after, the text then written (the goal, the action,
    the reason for dropping, the comment), who made it (an organisation, or the family).

        Attributes:
            action_id (None | UUID):
            by_family (bool):
            from_status (None | str):
            goal_id (UUID):
            id (UUID):
            kind (str):
            occurred_at (datetime.datetime):
            organisation_id (None | UUID):
            text (None | str):
            to_status (None | str):
    """

    action_id: None | UUID
    by_family: bool
    from_status: None | str
    goal_id: UUID
    id: UUID
    kind: str
    occurred_at: datetime.datetime
    organisation_id: None | UUID
    text: None | str
    to_status: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_id: None | str
        if isinstance(self.action_id, UUID):
            action_id = str(self.action_id)
        else:
            action_id = self.action_id

        by_family = self.by_family

        from_status: None | str
        from_status = self.from_status

        goal_id = str(self.goal_id)

        id = str(self.id)

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        text: None | str
        text = self.text

        to_status: None | str
        to_status = self.to_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_id": action_id,
                "by_family": by_family,
                "from_status": from_status,
                "goal_id": goal_id,
                "id": id,
                "kind": kind,
                "occurred_at": occurred_at,
                "organisation_id": organisation_id,
                "text": text,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_action_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                action_id_type_0 = UUID(data)

                return action_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        action_id = _parse_action_id(d.pop("action_id"))

        by_family = d.pop("by_family")

        def _parse_from_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_status = _parse_from_status(d.pop("from_status"))

        goal_id = UUID(d.pop("goal_id"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organisation_id_type_0 = UUID(data)

                return organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id"))

        def _parse_text(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        text = _parse_text(d.pop("text"))

        def _parse_to_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_status = _parse_to_status(d.pop("to_status"))

        plan_event_view = cls(
            action_id=action_id,
            by_family=by_family,
            from_status=from_status,
            goal_id=goal_id,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            organisation_id=organisation_id,
            text=text,
            to_status=to_status,
        )

        plan_event_view.additional_properties = d
        return plan_event_view

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
