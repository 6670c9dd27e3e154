from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.consent_event_view import ConsentEventView


T = TypeVar("T", bound="ConsentView")


@_attrs_define
class ConsentView:
    """A consent record with its current state and history.

    Attributes:
        categories (list[str]):
        collection_method (str):
        events (list[ConsentEventView]):
        given_by (UUID):
        id (UUID):
        legal_basis (str):
        members (list[UUID]):
        notice_version (str):
        on_behalf (bool):
        purposes (list[str]):
        recipients (list[UUID]):
        recorded_at (datetime.datetime):
        state (str):
        valid_from (datetime.datetime):
        valid_until (datetime.datetime):
        withdrawn_at (datetime.datetime | None):
    """

    categories: list[str]
    collection_method: str
    events: list[ConsentEventView]
    given_by: UUID
    id: UUID
    legal_basis: str
    members: list[UUID]
    notice_version: str
    on_behalf: bool
    purposes: list[str]
    recipients: list[UUID]
    recorded_at: datetime.datetime
    state: str
    valid_from: datetime.datetime
    valid_until: datetime.datetime
    withdrawn_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        categories = self.categories

        collection_method = self.collection_method

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        given_by = str(self.given_by)

        id = str(self.id)

        legal_basis = self.legal_basis

        members = []
        for members_item_data in self.members:
            members_item = str(members_item_data)
            members.append(members_item)

        notice_version = self.notice_version

        on_behalf = self.on_behalf

        purposes = self.purposes

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = str(recipients_item_data)
            recipients.append(recipients_item)

        recorded_at = self.recorded_at.isoformat()

        state = self.state

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        withdrawn_at: None | str
        if isinstance(self.withdrawn_at, datetime.datetime):
            withdrawn_at = self.withdrawn_at.isoformat()
        else:
            withdrawn_at = self.withdrawn_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "categories": categories,
                "collection_method": collection_method,
                "events": events,
                "given_by": given_by,
                "id": id,
                "legal_basis": legal_basis,
                "members": members,
                "notice_version": notice_version,
                "on_behalf": on_behalf,
                "purposes": purposes,
                "recipients": recipients,
                "recorded_at": recorded_at,
                "state": state,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "withdrawn_at": withdrawn_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_event_view import ConsentEventView  # noqa: PLC0415

        d = dict(src_dict)
        categories = cast(list[str], d.pop("categories"))

        collection_method = d.pop("collection_method")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ConsentEventView.from_dict(events_item_data)

            events.append(events_item)

        given_by = UUID(d.pop("given_by"))

        id = UUID(d.pop("id"))

        legal_basis = d.pop("legal_basis")

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = UUID(members_item_data)

            members.append(members_item)

        notice_version = d.pop("notice_version")

        on_behalf = d.pop("on_behalf")

        purposes = cast(list[str], d.pop("purposes"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = UUID(recipients_item_data)

            recipients.append(recipients_item)

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        state = d.pop("state")

        valid_from = datetime.datetime.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        def _parse_withdrawn_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawn_at_type_0 = datetime.datetime.fromisoformat(data)

                return withdrawn_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        withdrawn_at = _parse_withdrawn_at(d.pop("withdrawn_at"))

        consent_view = cls(
            categories=categories,
            collection_method=collection_method,
            events=events,
            given_by=given_by,
            id=id,
            legal_basis=legal_basis,
            members=members,
            notice_version=notice_version,
            on_behalf=on_behalf,
            purposes=purposes,
            recipients=recipients,
            recorded_at=recorded_at,
            state=state,
            valid_from=valid_from,
            valid_until=valid_until,
            withdrawn_at=withdrawn_at,
        )

        consent_view.additional_properties = d
        return consent_view

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
