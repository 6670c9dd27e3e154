from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_view_kind import TaskViewKind

T = TypeVar("T", bound="TaskView")


@_attrs_define
class TaskView:
    """Something waiting for the worker or their organisation, without case content: what kind
    of task, which file (its short reference), when it is due, a link to where it is done.

        Attributes:
            due_on (datetime.date | None):
            file_id (None | UUID):
            kind (TaskViewKind):
            link (str):
            object_id (UUID):
            overdue (bool):
            reference (str):
    """

    due_on: datetime.date | None
    file_id: None | UUID
    kind: TaskViewKind
    link: str
    object_id: UUID
    overdue: bool
    reference: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_on: None | str
        if isinstance(self.due_on, datetime.date):
            due_on = self.due_on.isoformat()
        else:
            due_on = self.due_on

        file_id: None | str
        if isinstance(self.file_id, UUID):
            file_id = str(self.file_id)
        else:
            file_id = self.file_id

        kind = self.kind.value

        link = self.link

        object_id = str(self.object_id)

        overdue = self.overdue

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_on": due_on,
                "file_id": file_id,
                "kind": kind,
                "link": link,
                "object_id": object_id,
                "overdue": overdue,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_due_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_on_type_0 = datetime.date.fromisoformat(data)

                return due_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_on = _parse_due_on(d.pop("due_on"))

        def _parse_file_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                file_id_type_0 = UUID(data)

                return file_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        file_id = _parse_file_id(d.pop("file_id"))

        kind = TaskViewKind(d.pop("kind"))

        link = d.pop("link")

        object_id = UUID(d.pop("object_id"))

        overdue = d.pop("overdue")

        reference = d.pop("reference")

        task_view = cls(
            due_on=due_on,
            file_id=file_id,
            kind=kind,
            link=link,
            object_id=object_id,
            overdue=overdue,
            reference=reference,
        )

        task_view.additional_properties = d
        return task_view

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
