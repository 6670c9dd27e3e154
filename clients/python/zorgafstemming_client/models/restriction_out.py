from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RestrictionOut")


@_attrs_define
class RestrictionOut:
    """A restriction as the DPO sees it: its scope (``member_id`` null: the whole file), since
    when, and when it was lifted; the reasons decrypted.

        Attributes:
            file_id (UUID):
            file_reference (str):
            id (UUID):
            in_force (bool):
            lift_reason (None | str):
            lifted_at (datetime.datetime | None):
            member_id (None | UUID):
            placed_at (datetime.datetime):
            reason (str):
            request_id (None | UUID):
    """

    file_id: UUID
    file_reference: str
    id: UUID
    in_force: bool
    lift_reason: None | str
    lifted_at: datetime.datetime | None
    member_id: None | UUID
    placed_at: datetime.datetime
    reason: str
    request_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file_id = str(self.file_id)

        file_reference = self.file_reference

        id = str(self.id)

        in_force = self.in_force

        lift_reason: None | str
        lift_reason = self.lift_reason

        lifted_at: None | str
        if isinstance(self.lifted_at, datetime.datetime):
            lifted_at = self.lifted_at.isoformat()
        else:
            lifted_at = self.lifted_at

        member_id: None | str
        if isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        placed_at = self.placed_at.isoformat()

        reason = self.reason

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_id": file_id,
                "file_reference": file_reference,
                "id": id,
                "in_force": in_force,
                "lift_reason": lift_reason,
                "lifted_at": lifted_at,
                "member_id": member_id,
                "placed_at": placed_at,
                "reason": reason,
                "request_id": request_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_id = UUID(d.pop("file_id"))

        file_reference = d.pop("file_reference")

        id = UUID(d.pop("id"))

        in_force = d.pop("in_force")

        def _parse_lift_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lift_reason = _parse_lift_reason(d.pop("lift_reason"))

        def _parse_lifted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lifted_at_type_0 = datetime.datetime.fromisoformat(data)

                return lifted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lifted_at = _parse_lifted_at(d.pop("lifted_at"))

        def _parse_member_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        member_id = _parse_member_id(d.pop("member_id"))

        placed_at = datetime.datetime.fromisoformat(d.pop("placed_at"))

        reason = d.pop("reason")

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        restriction_out = cls(
            file_id=file_id,
            file_reference=file_reference,
            id=id,
            in_force=in_force,
            lift_reason=lift_reason,
            lifted_at=lifted_at,
            member_id=member_id,
            placed_at=placed_at,
            reason=reason,
            request_id=request_id,
        )

        restriction_out.additional_properties = d
        return restriction_out

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
