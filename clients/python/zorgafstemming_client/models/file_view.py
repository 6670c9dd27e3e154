from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.consent_view import ConsentView
    from ..models.member_view import MemberView


T = TypeVar("T", bound="FileView")


@_attrs_define
class FileView:
    """A coordination file as the caller's organisation needs to know it: every member (those
    its consent does not cover only as not visible), the consents that name the organisation
    and how many others the file has.

        Attributes:
            closed_at (datetime.datetime | None):
            consents (list[ConsentView]):
            id (UUID):
            lead_organisation_id (UUID):
            members (list[MemberView]):
            opened_at (datetime.datetime):
            other_consents (int):
            participants (list[UUID]):
            status (str):
            withheld_categories (list[str]):
            label (None | str | Unset):
            reference (str | Unset):  Default: ''.
            restricted_since (datetime.datetime | None | Unset):
    """

    closed_at: datetime.datetime | None
    consents: list[ConsentView]
    id: UUID
    lead_organisation_id: UUID
    members: list[MemberView]
    opened_at: datetime.datetime
    other_consents: int
    participants: list[UUID]
    status: str
    withheld_categories: list[str]
    label: None | str | Unset = UNSET
    reference: str | Unset = ""
    restricted_since: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)

        id = str(self.id)

        lead_organisation_id = str(self.lead_organisation_id)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        opened_at = self.opened_at.isoformat()

        other_consents = self.other_consents

        participants = []
        for participants_item_data in self.participants:
            participants_item = str(participants_item_data)
            participants.append(participants_item)

        status = self.status

        withheld_categories = self.withheld_categories

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        reference = self.reference

        restricted_since: None | str | Unset
        if isinstance(self.restricted_since, Unset):
            restricted_since = UNSET
        elif isinstance(self.restricted_since, datetime.datetime):
            restricted_since = self.restricted_since.isoformat()
        else:
            restricted_since = self.restricted_since

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "closed_at": closed_at,
                "consents": consents,
                "id": id,
                "lead_organisation_id": lead_organisation_id,
                "members": members,
                "opened_at": opened_at,
                "other_consents": other_consents,
                "participants": participants,
                "status": status,
                "withheld_categories": withheld_categories,
            }
        )
        if label is not UNSET:
            field_dict["label"] = label
        if reference is not UNSET:
            field_dict["reference"] = reference
        if restricted_since is not UNSET:
            field_dict["restricted_since"] = restricted_since

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.consent_view import ConsentView  # noqa: PLC0415
        from ..models.member_view import MemberView  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in _consents:
            consents_item = ConsentView.from_dict(consents_item_data)

            consents.append(consents_item)

        id = UUID(d.pop("id"))

        lead_organisation_id = UUID(d.pop("lead_organisation_id"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberView.from_dict(members_item_data)

            members.append(members_item)

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        other_consents = d.pop("other_consents")

        participants = []
        _participants = d.pop("participants")
        for participants_item_data in _participants:
            participants_item = UUID(participants_item_data)

            participants.append(participants_item)

        status = d.pop("status")

        withheld_categories = cast(list[str], d.pop("withheld_categories"))

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        reference = d.pop("reference", UNSET)

        def _parse_restricted_since(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                restricted_since_type_0 = datetime.datetime.fromisoformat(data)

                return restricted_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        restricted_since = _parse_restricted_since(d.pop("restricted_since", UNSET))

        file_view = cls(
            closed_at=closed_at,
            consents=consents,
            id=id,
            lead_organisation_id=lead_organisation_id,
            members=members,
            opened_at=opened_at,
            other_consents=other_consents,
            participants=participants,
            status=status,
            withheld_categories=withheld_categories,
            label=label,
            reference=reference,
            restricted_since=restricted_since,
        )

        file_view.additional_properties = d
        return file_view

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
