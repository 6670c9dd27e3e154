from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SignalView")


@_attrs_define
class SignalView:
    """An account a signal rule flags in the month (a reason to look, not a finding).

    Attributes:
        account_id (None | UUID):
        actor_ref (str):
        baseline (float | None):
        count (int):
        file_references (list[str]):
        organisation_id (None | UUID):
        organisation_name (None | str):
        rule (str):
    """

    account_id: None | UUID
    actor_ref: str
    baseline: float | None
    count: int
    file_references: list[str]
    organisation_id: None | UUID
    organisation_name: None | str
    rule: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id: None | str
        if isinstance(self.account_id, UUID):
            account_id = str(self.account_id)
        else:
            account_id = self.account_id

        actor_ref = self.actor_ref

        baseline: float | None
        baseline = self.baseline

        count = self.count

        file_references = self.file_references

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        organisation_name: None | str
        organisation_name = self.organisation_name

        rule = self.rule

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "actor_ref": actor_ref,
                "baseline": baseline,
                "count": count,
                "file_references": file_references,
                "organisation_id": organisation_id,
                "organisation_name": organisation_name,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        actor_ref = d.pop("actor_ref")

        def _parse_baseline(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        baseline = _parse_baseline(d.pop("baseline"))

        count = d.pop("count")

        file_references = cast(list[str], d.pop("file_references"))

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

        def _parse_organisation_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation_name = _parse_organisation_name(d.pop("organisation_name"))

        rule = d.pop("rule")

        signal_view = cls(
            account_id=account_id,
            actor_ref=actor_ref,
            baseline=baseline,
            count=count,
            file_references=file_references,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            rule=rule,
        )

        signal_view.additional_properties = d
        return signal_view

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
