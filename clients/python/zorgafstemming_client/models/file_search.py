from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="FileSearch")


@_attrs_define
class FileSearch:
    """What to look for: a national register number, or a family name with a birth year
    (exact after forgiving case, accents, spaces and hyphens) — one of the two.

        Attributes:
            birth_year (int | None | Unset):
            family_name (None | str | Unset):
            insz (None | str | Unset):
    """

    birth_year: int | None | Unset = UNSET
    family_name: None | str | Unset = UNSET
    insz: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        birth_year: int | None | Unset
        if isinstance(self.birth_year, Unset):
            birth_year = UNSET
        else:
            birth_year = self.birth_year

        family_name: None | str | Unset
        if isinstance(self.family_name, Unset):
            family_name = UNSET
        else:
            family_name = self.family_name

        insz: None | str | Unset
        if isinstance(self.insz, Unset):
            insz = UNSET
        else:
            insz = self.insz

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if birth_year is not UNSET:
            field_dict["birth_year"] = birth_year
        if family_name is not UNSET:
            field_dict["family_name"] = family_name
        if insz is not UNSET:
            field_dict["insz"] = insz

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_birth_year(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        birth_year = _parse_birth_year(d.pop("birth_year", UNSET))

        def _parse_family_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        family_name = _parse_family_name(d.pop("family_name", UNSET))

        def _parse_insz(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        insz = _parse_insz(d.pop("insz", UNSET))

        file_search = cls(
            birth_year=birth_year,
            family_name=family_name,
            insz=insz,
        )

        return file_search
