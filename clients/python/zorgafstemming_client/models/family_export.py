from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_file import ExportFile


T = TypeVar("T", bound="FamilyExport")


@_attrs_define
class FamilyExport:
    """Everything the service holds about the signed-in family member (and the children under
    12 they represent), per file, with a JSON Schema in ``docs/export.schema.json``.

        Attributes:
            exported_at (datetime.datetime):
            files (list[ExportFile]):
    """

    exported_at: datetime.datetime
    files: list[ExportFile]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exported_at = self.exported_at.isoformat()

        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_dict()
            files.append(files_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exported_at": exported_at,
                "files": files,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_file import ExportFile  # noqa: PLC0415

        d = dict(src_dict)
        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        files = []
        _files = d.pop("files")
        for files_item_data in _files:
            files_item = ExportFile.from_dict(files_item_data)

            files.append(files_item)

        family_export = cls(
            exported_at=exported_at,
            files=files,
        )

        family_export.additional_properties = d
        return family_export

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
