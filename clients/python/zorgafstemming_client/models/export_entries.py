from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_entry import ExportEntry
    from ..models.export_withheld import ExportWithheld


T = TypeVar("T", bound="ExportEntries")


@_attrs_define
class ExportEntries:
    """The journal as the reader may see it: the entries shared with them, and one line for
    every entry about them that is withheld.

        Attributes:
            shared (list[ExportEntry]):
            withheld (list[ExportWithheld]):
    """

    shared: list[ExportEntry]
    withheld: list[ExportWithheld]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shared = []
        for shared_item_data in self.shared:
            shared_item = shared_item_data.to_dict()
            shared.append(shared_item)

        withheld = []
        for withheld_item_data in self.withheld:
            withheld_item = withheld_item_data.to_dict()
            withheld.append(withheld_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shared": shared,
                "withheld": withheld,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_entry import ExportEntry  # noqa: PLC0415
        from ..models.export_withheld import ExportWithheld  # noqa: PLC0415

        d = dict(src_dict)
        shared = []
        _shared = d.pop("shared")
        for shared_item_data in _shared:
            shared_item = ExportEntry.from_dict(shared_item_data)

            shared.append(shared_item)

        withheld = []
        _withheld = d.pop("withheld")
        for withheld_item_data in _withheld:
            withheld_item = ExportWithheld.from_dict(withheld_item_data)

            withheld.append(withheld_item)

        export_entries = cls(
            shared=shared,
            withheld=withheld,
        )

        export_entries.additional_properties = d
        return export_entries

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
