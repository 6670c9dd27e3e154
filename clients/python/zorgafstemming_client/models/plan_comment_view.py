from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PlanCommentView")


@_attrs_define
class PlanCommentView:
    """A comment on a goal: by the family (``by_family``) or a partner's worker.

    Attributes:
        by_family (bool):
        id (UUID):
        occurred_at (datetime.datetime):
        organisation_id (None | UUID):
        text (str):
    """

    by_family: bool
    id: UUID
    occurred_at: datetime.datetime
    organisation_id: None | UUID
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_family = self.by_family

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_family": by_family,
                "id": id,
                "occurred_at": occurred_at,
                "organisation_id": organisation_id,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        by_family = d.pop("by_family")

        id = UUID(d.pop("id"))

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

        text = d.pop("text")

        plan_comment_view = cls(
            by_family=by_family,
            id=id,
            occurred_at=occurred_at,
            organisation_id=organisation_id,
            text=text,
        )

        plan_comment_view.additional_properties = d
        return plan_comment_view

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
