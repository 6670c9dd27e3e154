from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.plan_action_in_owner import PlanActionInOwner
from ..types import UNSET, Unset

T = TypeVar("T", bound="PlanActionIn")


@_attrs_define
class PlanActionIn:
    """An action towards a goal. ``owner`` ``organisation``: a partner on the file owns it
    (``owner_organisation_id``, your own organisation when left out), optionally with one of
    its workers assigned to the file; ``family``: the family owns it (no worker).

        Attributes:
            about (list[UUID]):
            description (str):
            assignee_account_id (None | Unset | UUID):
            category (None | str | Unset):
            confidential (bool | Unset):  Default: False.
            due_on (datetime.date | None | Unset):
            owner (PlanActionInOwner | Unset):  Default: PlanActionInOwner.ORGANISATION.
            owner_organisation_id (None | Unset | UUID):
    """

    about: list[UUID]
    description: str
    assignee_account_id: None | Unset | UUID = UNSET
    category: None | str | Unset = UNSET
    confidential: bool | Unset = False
    due_on: datetime.date | None | Unset = UNSET
    owner: PlanActionInOwner | Unset = PlanActionInOwner.ORGANISATION
    owner_organisation_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        about = []
        for about_item_data in self.about:
            about_item = str(about_item_data)
            about.append(about_item)

        description = self.description

        assignee_account_id: None | str | Unset
        if isinstance(self.assignee_account_id, Unset):
            assignee_account_id = UNSET
        elif isinstance(self.assignee_account_id, UUID):
            assignee_account_id = str(self.assignee_account_id)
        else:
            assignee_account_id = self.assignee_account_id

        category: None | str | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        confidential = self.confidential

        due_on: None | str | Unset
        if isinstance(self.due_on, Unset):
            due_on = UNSET
        elif isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        owner: str | Unset = UNSET
        if not isinstance(self.owner, Unset):
            owner = self.owner.value

        owner_organisation_id: None | str | Unset
        if isinstance(self.owner_organisation_id, Unset):
            owner_organisation_id = UNSET
        elif isinstance(self.owner_organisation_id, UUID):
            owner_organisation_id = str(self.owner_organisation_id)
        else:
            owner_organisation_id = self.owner_organisation_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "about": about,
                "description": description,
            }
        )
        if assignee_account_id is not UNSET:
            field_dict["assignee_account_id"] = assignee_account_id
        if category is not UNSET:
            field_dict["category"] = category
        if confidential is not UNSET:
            field_dict["confidential"] = confidential
        if due_on is not UNSET:
            field_dict["due_on"] = due_on
        if owner is not UNSET:
            field_dict["owner"] = owner
        if owner_organisation_id is not UNSET:
            field_dict["owner_organisation_id"] = owner_organisation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        about = []
        _about = d.pop("about")
        for about_item_data in _about:
            about_item = UUID(about_item_data)

            about.append(about_item)

        description = d.pop("description")

        def _parse_assignee_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_account_id_type_0 = UUID(data)

                return assignee_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        assignee_account_id = _parse_assignee_account_id(d.pop("assignee_account_id", UNSET))

        def _parse_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        confidential = d.pop("confidential", UNSET)

        def _parse_due_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_on = _parse_due_on(d.pop("due_on", UNSET))

        _owner = d.pop("owner", UNSET)
        owner: PlanActionInOwner | Unset
        if isinstance(_owner, Unset):
            owner = UNSET
        else:
            owner = PlanActionInOwner(_owner)

        def _parse_owner_organisation_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_organisation_id_type_0 = UUID(data)

                return owner_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_organisation_id = _parse_owner_organisation_id(d.pop("owner_organisation_id", UNSET))

        plan_action_in = cls(
            about=about,
            description=description,
            assignee_account_id=assignee_account_id,
            category=category,
            confidential=confidential,
            due_on=due_on,
            owner=owner,
            owner_organisation_id=owner_organisation_id,
        )

        return plan_action_in
