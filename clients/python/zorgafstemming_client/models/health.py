from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.health_checks_type_0 import HealthChecksType0


T = TypeVar("T", bound="Health")


@_attrs_define
class Health:
    """
    Attributes:
        status (str):
        checks (HealthChecksType0 | None | Unset):
        database (None | str | Unset):
        sealer_lag_seconds (float | None | Unset):
    """

    status: str
    checks: HealthChecksType0 | None | Unset = UNSET
    database: None | str | Unset = UNSET
    sealer_lag_seconds: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.health_checks_type_0 import HealthChecksType0  # noqa: PLC0415

        status = self.status

        checks: dict[str, Any] | None | Unset
        if isinstance(self.checks, Unset):
            checks = UNSET
        elif isinstance(self.checks, HealthChecksType0):
            checks = self.checks.to_dict()
        else:
            checks = self.checks

        database: None | str | Unset
        if isinstance(self.database, Unset):
            database = UNSET
        else:
            database = self.database

        sealer_lag_seconds: float | None | Unset
        if isinstance(self.sealer_lag_seconds, Unset):
            sealer_lag_seconds = UNSET
        else:
            sealer_lag_seconds = self.sealer_lag_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if checks is not UNSET:
            field_dict["checks"] = checks
        if database is not UNSET:
            field_dict["database"] = database
        if sealer_lag_seconds is not UNSET:
            field_dict["sealer_lag_seconds"] = sealer_lag_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.health_checks_type_0 import HealthChecksType0  # noqa: PLC0415

        d = dict(src_dict)
        status = d.pop("status")

        def _parse_checks(data: object) -> HealthChecksType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                checks_type_0 = HealthChecksType0.from_dict(data)

                return checks_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HealthChecksType0 | None | Unset, data)

        checks = _parse_checks(d.pop("checks", UNSET))

        def _parse_database(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        database = _parse_database(d.pop("database", UNSET))

        def _parse_sealer_lag_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        sealer_lag_seconds = _parse_sealer_lag_seconds(d.pop("sealer_lag_seconds", UNSET))

        health = cls(
            status=status,
            checks=checks,
            database=database,
            sealer_lag_seconds=sealer_lag_seconds,
        )

        health.additional_properties = d
        return health

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
