from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.family_plan_action_view_owner import FamilyPlanActionViewOwner
from ..models.family_plan_action_view_status import FamilyPlanActionViewStatus

T = TypeVar("T", bound="FamilyPlanActionView")


@_attrs_define
class FamilyPlanActionView:
    """An action of the family plan as the family sees it; ``may_complete``: the family owns it
    and it is not finished, so they can mark it done.

        Attributes:
            description (str):
            drop_reason (None | str):
            due_on (datetime.date | None):
            id (UUID):
            may_complete (bool):
            owner (FamilyPlanActionViewOwner):
            owner_organisation_id (None | UUID):
            status (FamilyPlanActionViewStatus):
    """

    description: str
    drop_reason: None | str
    due_on: datetime.date | None
    id: UUID
    may_complete: bool
    owner: FamilyPlanActionViewOwner
    owner_organisation_id: None | UUID
    status: FamilyPlanActionViewStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        description = self.description

        drop_reason: None | str
        drop_reason = self.drop_reason

        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        id = str(self.id)

        may_complete = self.may_complete

        owner = self.owner.value

        owner_organisation_id: None | str
        if isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "description": description,
                "drop_reason": drop_reason,
                "due_on": due_on,
                "id": id,
                "may_complete": may_complete,
                "owner": owner,
                "owner_organisation_id": owner_organisation_id,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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

        id = UUID(d.pop("id"))

        may_complete = d.pop("may_complete")

        owner = FamilyPlanActionViewOwner(d.pop("owner"))

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

        status = FamilyPlanActionViewStatus(d.pop("status"))

        family_plan_action_view = cls(
            description=description,
            drop_reason=drop_reason,
            due_on=due_on,
            id=id,
            may_complete=may_complete,
            owner=owner,
            owner_organisation_id=owner_organisation_id,
            status=status,
        )

        family_plan_action_view.additional_properties = d
        return family_plan_action_view

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
