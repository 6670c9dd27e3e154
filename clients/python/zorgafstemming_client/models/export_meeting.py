from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExportMeeting")


@_attrs_define
class ExportMeeting:
    """A case meeting about the reader: when (Brussels time), where, what was on the agenda.

    Attributes:
        agenda (list[str]):
        day (datetime.date):
        end_time (str):
        place (None | str):
        start_time (str):
        status (str):
    """

    agenda: list[str]
    day: datetime.date
    end_time: str
    place: None | str
    start_time: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agenda = self.agenda

        day = self.day.isoformat()

        end_time = self.end_time

        place: None | str
        place = self.place

        start_time = self.start_time

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agenda": agenda,
                "day": day,
                "end_time": end_time,
                "place": place,
                "start_time": start_time,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        agenda = cast(list[str], d.pop("agenda"))

        day = datetime.date.fromisoformat(d.pop("day"))

        end_time = d.pop("end_time")

        def _parse_place(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        place = _parse_place(d.pop("place"))

        start_time = d.pop("start_time")

        status = d.pop("status")

        export_meeting = cls(
            agenda=agenda,
            day=day,
            end_time=end_time,
            place=place,
            start_time=start_time,
            status=status,
        )

        export_meeting.additional_properties = d
        return export_meeting

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
