from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_view_step import StepViewStep
from ..types import UNSET, Unset

T = TypeVar("T", bound="StepView")


@_attrs_define
class StepView:
    """One step of a request: which, when, by whom (role and organisation) and its reason or
    outcome note — shown to those who handle the request and, on the family's own page of the
    request, to the family (null once the file's key is shredded).

        Attributes:
            actor_role (str):
            at (datetime.datetime):
            organisation_id (None | UUID):
            step (StepViewStep):
            reason (None | str | Unset):
    """

    actor_role: str
    at: datetime.datetime
    organisation_id: None | UUID
    step: StepViewStep
    reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_role = self.actor_role

        at = self.at.isoformat()

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        step = self.step.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_role": actor_role,
                "at": at,
                "organisation_id": organisation_id,
                "step": step,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_role = d.pop("actor_role")

        at = datetime.datetime.fromisoformat(d.pop("at"))

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

        step = StepViewStep(d.pop("step"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        step_view = cls(
            actor_role=actor_role,
            at=at,
            organisation_id=organisation_id,
            step=step,
            reason=reason,
        )

        step_view.additional_properties = d
        return step_view

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
