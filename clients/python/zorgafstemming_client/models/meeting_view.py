from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.meeting_view_status import MeetingViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agenda_item import AgendaItem
    from ..models.minutes_view import MinutesView


T = TypeVar("T", bound="MeetingView")


@_attrs_define
class MeetingView:
    """A case meeting as the caller may see it.

    ``place`` and ``agenda`` are shown where a consent in force covers ``case_notes`` for the
    purpose ``case_meeting`` for the caller's organisation (an agenda item about members only
    when it covers every one of them); ``minutes`` where it covers the minutes' category.

        Attributes:
            created_at (datetime.datetime):
            date (datetime.date):
            end_time (str):
            ends_at (datetime.datetime):
            file_id (UUID):
            id (UUID):
            members (list[UUID]):
            organisations (list[UUID]):
            organiser_organisation_id (UUID):
            sequence (int):
            start_time (str):
            starts_at (datetime.datetime):
            status (MeetingViewStatus):
            time_zone (str):
            agenda (list[AgendaItem] | None | Unset):
            cancelled_at (datetime.datetime | None | Unset):
            has_minutes (bool | Unset):  Default: False.
            minutes (MinutesView | None | Unset):
            place (None | str | Unset):
    """

    created_at: datetime.datetime
    date: datetime.date
    end_time: str
    ends_at: datetime.datetime
    file_id: UUID
    id: UUID
    members: list[UUID]
    organisations: list[UUID]
    organiser_organisation_id: UUID
    sequence: int
    start_time: str
    starts_at: datetime.datetime
    status: MeetingViewStatus
    time_zone: str
    agenda: list[AgendaItem] | None | Unset = UNSET
    cancelled_at: datetime.datetime | None | Unset = UNSET
    has_minutes: bool | Unset = False
    minutes: MinutesView | None | Unset = UNSET
    place: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.minutes_view import MinutesView  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        date = self.date.isoformat()

        end_time = self.end_time

        ends_at = self.ends_at.isoformat()

        file_id = str(self.file_id)

        id = str(self.id)

        members = []
        for members_item_data in self.members:
            members_item = str(members_item_data)
            members.append(members_item)

        organisations = []
        for organisations_item_data in self.organisations:
            organisations_item = str(organisations_item_data)
            organisations.append(organisations_item)

        organiser_organisation_id = str(self.organiser_organisation_id)

        sequence = self.sequence

        start_time = self.start_time

        starts_at = self.starts_at.isoformat()

        status = self.status.value

        time_zone = self.time_zone

        agenda: list[dict[str, Any]] | None | Unset
        if isinstance(self.agenda, Unset):
            agenda = UNSET
        elif isinstance(self.agenda, list):
            agenda = []
            for agenda_type_0_item_data in self.agenda:
                agenda_type_0_item = agenda_type_0_item_data.to_dict()
                agenda.append(agenda_type_0_item)

        else:
            agenda = self.agenda

        cancelled_at: None | str | Unset
        if isinstance(self.cancelled_at, Unset):
            cancelled_at = UNSET
        elif isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        has_minutes = self.has_minutes

        minutes: dict[str, Any] | None | Unset
        if isinstance(self.minutes, Unset):
            minutes = UNSET
        elif isinstance(self.minutes, MinutesView):
            minutes = self.minutes.to_dict()
        else:
            minutes = self.minutes

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "date": date,
                "end_time": end_time,
                "ends_at": ends_at,
                "file_id": file_id,
                "id": id,
                "members": members,
                "organisations": organisations,
                "organiser_organisation_id": organiser_organisation_id,
                "sequence": sequence,
                "start_time": start_time,
                "starts_at": starts_at,
                "status": status,
                "time_zone": time_zone,
            }
        )
        if agenda is not UNSET:
            field_dict["agenda"] = agenda
        if cancelled_at is not UNSET:
            field_dict["cancelled_at"] = cancelled_at
        if has_minutes is not UNSET:
            field_dict["has_minutes"] = has_minutes
        if minutes is not UNSET:
            field_dict["minutes"] = minutes
        if place is not UNSET:
            field_dict["place"] = place

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agenda_item import AgendaItem  # noqa: PLC0415
        from ..models.minutes_view import MinutesView  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        date = datetime.date.fromisoformat(d.pop("date"))

        end_time = d.pop("end_time")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = UUID(members_item_data)

            members.append(members_item)

        organisations = []
        _organisations = d.pop("organisations")
        for organisations_item_data in _organisations:
            organisations_item = UUID(organisations_item_data)

            organisations.append(organisations_item)

        organiser_organisation_id = UUID(d.pop("organiser_organisation_id"))

        sequence = d.pop("sequence")

        start_time = d.pop("start_time")

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        status = MeetingViewStatus(d.pop("status"))

        time_zone = d.pop("time_zone")

        def _parse_agenda(data: object) -> list[AgendaItem] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                agenda_type_0 = []
                _agenda_type_0 = data
                for agenda_type_0_item_data in _agenda_type_0:
                    agenda_type_0_item = AgendaItem.from_dict(agenda_type_0_item_data)

                    agenda_type_0.append(agenda_type_0_item)

                return agenda_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AgendaItem] | None | Unset, data)

        agenda = _parse_agenda(d.pop("agenda", UNSET))

        def _parse_cancelled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)

                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at", UNSET))

        has_minutes = d.pop("has_minutes", UNSET)

        def _parse_minutes(data: object) -> MinutesView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                minutes_type_0 = MinutesView.from_dict(data)

                return minutes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MinutesView | None | Unset, data)

        minutes = _parse_minutes(d.pop("minutes", UNSET))

        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))

        meeting_view = cls(
            created_at=created_at,
            date=date,
            end_time=end_time,
            ends_at=ends_at,
            file_id=file_id,
            id=id,
            members=members,
            organisations=organisations,
            organiser_organisation_id=organiser_organisation_id,
            sequence=sequence,
            start_time=start_time,
            starts_at=starts_at,
            status=status,
            time_zone=time_zone,
            agenda=agenda,
            cancelled_at=cancelled_at,
            has_minutes=has_minutes,
            minutes=minutes,
            place=place,
        )

        meeting_view.additional_properties = d
        return meeting_view

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
