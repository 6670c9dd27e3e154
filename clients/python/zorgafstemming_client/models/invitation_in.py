from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="InvitationIn")


@_attrs_define
class InvitationIn:
    """Invite a member to the family portal, or link the family account they already have.

    Attributes:
        existing_account_id (None | Unset | UUID):
    """

    existing_account_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        existing_account_id: None | str | Unset
        if isinstance(self.existing_account_id, Unset):
            existing_account_id = UNSET
        elif isinstance(self.existing_account_id, UUID):
            existing_account_id = str(self.existing_account_id)
        else:
            existing_account_id = self.existing_account_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if existing_account_id is not UNSET:
            field_dict["existing_account_id"] = existing_account_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_existing_account_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                existing_account_id_type_0 = UUID(data)

                return existing_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        existing_account_id = _parse_existing_account_id(d.pop("existing_account_id", UNSET))

        invitation_in = cls(
            existing_account_id=existing_account_id,
        )

        return invitation_in
