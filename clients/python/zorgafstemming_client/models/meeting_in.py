from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agenda_item import AgendaItem


T = TypeVar("T", bound="MeetingIn")


@_attrs_define
class MeetingIn:
    """Plan a case meeting (lead only): the day and times in Brussels time, the place or video
    link, the agenda, and whom to invite. The lead organisation is always invited; every other
    organisation must take part in the file under a consent in force for ``case_meeting``
    (otherwise 422 ``invitee-without-consent``).

        Attributes:
            agenda (list[AgendaItem]):
            date (datetime.date):
            end_time (str):
            start_time (str):
            members (list[UUID] | Unset):
            organisations (list[UUID] | Unset):
            place (None | str | Unset):
    """

    agenda: list[AgendaItem]
    date: datetime.date
    end_time: str
    start_time: str
    members: list[UUID] | Unset = UNSET
    organisations: list[UUID] | Unset = UNSET
    place: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        agenda = []
        for agenda_item_data in self.agenda:
            agenda_item = agenda_item_data.to_dict()
            agenda.append(agenda_item)

        date = self.date.isoformat()

        end_time = self.end_time

        start_time = self.start_time

        members: list[str] | Unset = UNSET
        if not isinstance(self.members, Unset):
            members = []
            for members_item_data in self.members:
                members_item = str(members_item_data)
                members.append(members_item)

        organisations: list[str] | Unset = UNSET
        if not isinstance(self.organisations, Unset):
            organisations = []
            for organisations_item_data in self.organisations:
                organisations_item = str(organisations_item_data)
                organisations.append(organisations_item)

        place: None | str | Unset
        if isinstance(self.place, Unset):
            place = UNSET
        else:
            place = self.place

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "agenda": agenda,
                "date": date,
                "end_time": end_time,
                "start_time": start_time,
            }
        )
        if members is not UNSET:
            field_dict["members"] = members
        if organisations is not UNSET:
            field_dict["organisations"] = organisations
        if place is not UNSET:
            field_dict["place"] = place

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agenda_item import AgendaItem  # noqa: PLC0415

        d = dict(src_dict)
        agenda = []
        _agenda = d.pop("agenda")
        for agenda_item_data in _agenda:
            agenda_item = AgendaItem.from_dict(agenda_item_data)

            agenda.append(agenda_item)

        date = datetime.date.fromisoformat(d.pop("date"))

        end_time = d.pop("end_time")

        start_time = d.pop("start_time")

        _members = d.pop("members", UNSET)
        members: list[UUID] | Unset = UNSET
        if _members is not UNSET:
            members = []
            for members_item_data in _members:
                members_item = UUID(members_item_data)

                members.append(members_item)

        _organisations = d.pop("organisations", UNSET)
        organisations: list[UUID] | Unset = UNSET
        if _organisations is not UNSET:
            organisations = []
            for organisations_item_data in _organisations:
                organisations_item = UUID(organisations_item_data)

                organisations.append(organisations_item)

        def _parse_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        place = _parse_place(d.pop("place", UNSET))

        meeting_in = cls(
            agenda=agenda,
            date=date,
            end_time=end_time,
            start_time=start_time,
            members=members,
            organisations=organisations,
            place=place,
        )

        return meeting_in
