from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_action_view_owner import PlanActionViewOwner
from ..models.plan_action_view_status import PlanActionViewStatus

T = TypeVar("T", bound="PlanActionView")


@_attrs_define
class PlanActionView:
    """An action as it stands now (its history: the plan's events). ``owner_organisation_id``
    is null when the family owns it; ``overdue``: due before today and not finished.

        Attributes:
            about (list[UUID]):
            assignee_account_id (None | UUID):
            category (str):
            confidential (bool):
            created_at (datetime.datetime):
            description (str):
            drop_reason (None | str):
            due_on (datetime.date | None):
            goal_id (UUID):
            id (UUID):
            overdue (bool):
            owner (PlanActionViewOwner):
            owner_organisation_id (None | UUID):
            status (PlanActionViewStatus):
            updated_at (datetime.datetime):
    """

    about: list[UUID]
    assignee_account_id: None | UUID
    category: str
    confidential: bool
    created_at: datetime.datetime
    description: str
    drop_reason: None | str
    due_on: datetime.date | None
    goal_id: UUID
    id: UUID
    overdue: bool
    owner: PlanActionViewOwner
    owner_organisation_id: None | UUID
    status: PlanActionViewStatus
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        assignee_account_id: None | str
        if isinstance(self.assignee_account_id, UUID):
            assignee_account_id = str(self.assignee_account_id)
        else:
            assignee_account_id = self.assignee_account_id

        category = self.category

        confidential = self.confidential

        created_at = self.created_at.isoformat()

        description = self.description

        drop_reason: None | str
        drop_reason = self.drop_reason

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        goal_id = str(self.goal_id)

        id = str(self.id)

        overdue = self.overdue

        owner = self.owner.value

        owner_organisation_id: None | str
        if isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "about": about,
                "assignee_account_id": assignee_account_id,
                "category": category,
                "confidential": confidential,
                "created_at": created_at,
                "description": description,
                "drop_reason": drop_reason,
                "due_on": due_on,
                "goal_id": goal_id,
                "id": id,
                "overdue": overdue,
                "owner": owner,
                "owner_organisation_id": owner_organisation_id,
                "status": status,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        def _parse_assignee_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_account_id_type_0 = UUID(data)

                return assignee_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assignee_account_id = _parse_assignee_account_id(d.pop("assignee_account_id"))

        category = d.pop("category")

        confidential = d.pop("confidential")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        def _parse_drop_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        drop_reason = _parse_drop_reason(d.pop("drop_reason"))

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        goal_id = UUID(d.pop("goal_id"))

        id = UUID(d.pop("id"))

        overdue = d.pop("overdue")

        owner = PlanActionViewOwner(d.pop("owner"))

        def _parse_owner_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_organisation_id_type_0 = UUID(data)

                return owner_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        owner_organisation_id = _parse_owner_organisation_id(d.pop("owner_organisation_id"))

        status = PlanActionViewStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        plan_action_view = cls(
            about=about,
            assignee_account_id=assignee_account_id,
            category=category,
            confidential=confidential,
            created_at=created_at,
            description=description,
            drop_reason=drop_reason,
            due_on=due_on,
            goal_id=goal_id,
            id=id,
            overdue=overdue,
            owner=owner,
            owner_organisation_id=owner_organisation_id,
            status=status,
            updated_at=updated_at,
        )

        plan_action_view.additional_properties = d
        return plan_action_view

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
