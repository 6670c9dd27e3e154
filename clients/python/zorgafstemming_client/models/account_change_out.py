from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AccountChangeOut")


@_attrs_define
class AccountChangeOut:
    """An account change request as its deciders see it.

    Attributes:
        account_email (None | str):
        account_id (None | UUID):
        account_role (None | str):
        decided_at (datetime.datetime | None):
        decided_by (None | UUID):
        expires_at (datetime.datetime):
        id (UUID):
        kind (str):
        organisation_id (None | UUID):
        requested_at (datetime.datetime):
        requested_by (UUID):
        requested_by_email (None | str):
        role (None | str):
        status (str):
    """

    account_email: None | str
    account_id: None | UUID
    account_role: None | str
    decided_at: datetime.datetime | None
    decided_by: None | UUID
    expires_at: datetime.datetime
    id: UUID
    kind: str
    organisation_id: None | UUID
    requested_at: datetime.datetime
    requested_by: UUID
    requested_by_email: None | str
    role: None | str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_email: None | str
        account_email = self.account_email

        account_id: None | str
        if isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        account_role: None | str
        account_role = self.account_role

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by: None | str
        if isinstance(self.decided_by, UUID):
            decided_by = str(self.decided_by)
        else:
            decided_by = self.decided_by

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        kind = self.kind

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        requested_at = self.requested_at.isoformat()

        requested_by = str(self.requested_by)

        requested_by_email: None | str
        requested_by_email = self.requested_by_email

        role: None | str
        role = self.role

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_email": account_email,
                "account_id": account_id,
                "account_role": account_role,
                "decided_at": decided_at,
                "decided_by": decided_by,
                "expires_at": expires_at,
                "id": id,
                "kind": kind,
                "organisation_id": organisation_id,
                "requested_at": requested_at,
                "requested_by": requested_by,
                "requested_by_email": requested_by_email,
                "role": role,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_account_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        account_email = _parse_account_email(d.pop("account_email"))

        def _parse_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                account_id_type_0 = UUID(data)

                return account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        account_id = _parse_account_id(d.pop("account_id"))

        def _parse_account_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        account_role = _parse_account_role(d.pop("account_role"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_decided_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_by_type_0 = UUID(data)

                return decided_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

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

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        requested_by = UUID(d.pop("requested_by"))

        def _parse_requested_by_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        requested_by_email = _parse_requested_by_email(d.pop("requested_by_email"))

        def _parse_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        role = _parse_role(d.pop("role"))

        status = d.pop("status")

        account_change_out = cls(
            account_email=account_email,
            account_id=account_id,
            account_role=account_role,
            decided_at=decided_at,
            decided_by=decided_by,
            expires_at=expires_at,
            id=id,
            kind=kind,
            organisation_id=organisation_id,
            requested_at=requested_at,
            requested_by=requested_by,
            requested_by_email=requested_by_email,
            role=role,
            status=status,
        )

        account_change_out.additional_properties = d
        return account_change_out

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
