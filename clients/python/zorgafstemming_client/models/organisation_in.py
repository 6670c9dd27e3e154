from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrganisationIn")


@_attrs_define
class OrganisationIn:
    """
    Attributes:
        kind (str):
        municipality (str):
        name (str):
        slug (str):
    """

    kind: str
    municipality: str
    name: str
    slug: str

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        municipality = self.municipality

        name = self.name

        slug = self.slug

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "municipality": municipality,
                "name": name,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = d.pop("kind")

        municipality = d.pop("municipality")

        name = d.pop("name")

        slug = d.pop("slug")

        organisation_in = cls(
            kind=kind,
            municipality=municipality,
            name=name,
            slug=slug,
        )

        return organisation_in
