from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.referral_view_status import ReferralViewStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReferralView")


@_attrs_define
class ReferralView:
    """A referral as the caller may see it.

    The receiving organisation sees, before it takes part in the file, only who refers, the
    purpose, the urgency and the file's short reference; the file id once it has joined, and
    the note (with its category) only when its consent covers that category and the worker is
    assigned. ``status``: ``open`` (waiting for an answer), ``waiting_for_consent`` (accepted;
    it joins once a consent in force names it for the purpose), ``joined``, ``declined``.

        Attributes:
            created_at (datetime.datetime):
            from_organisation_id (UUID):
            id (UUID):
            purpose (str):
            reference (str):
            status (ReferralViewStatus):
            to_organisation_id (UUID):
            urgency (str):
            answered_at (datetime.datetime | None | Unset):
            decline_reason (None | str | Unset):
            file_id (None | Unset | UUID):
            joined_at (datetime.datetime | None | Unset):
            note (None | str | Unset):
            note_category (None | str | Unset):
    """

    created_at: datetime.datetime
    from_organisation_id: UUID
    id: UUID
    purpose: str
    reference: str
    status: ReferralViewStatus
    to_organisation_id: UUID
    urgency: str
    answered_at: datetime.datetime | None | Unset = UNSET
    decline_reason: None | str | Unset = UNSET
    file_id: None | Unset | UUID = UNSET
    joined_at: datetime.datetime | None | Unset = UNSET
    note: None | str | Unset = UNSET
    note_category: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        from_organisation_id = str(self.from_organisation_id)

        id = str(self.id)

        purpose = self.purpose

        reference = self.reference

        status = self.status.value

        to_organisation_id = str(self.to_organisation_id)

        urgency = self.urgency

        answered_at: None | str | Unset
        if isinstance(self.answered_at, Unset):
            answered_at = UNSET
        elif isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        decline_reason: None | str | Unset
        if isinstance(self.decline_reason, Unset):
            decline_reason = UNSET
        else:
            decline_reason = self.decline_reason

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        elif isinstance(self.file_id, UUID):
            file_id = str(self.file_id)
        else:
            file_id = self.file_id

        joined_at: None | str | Unset
        if isinstance(self.joined_at, Unset):
            joined_at = UNSET
        elif isinstance(self.joined_at, datetime.datetime):
            joined_at = self.joined_at.isoformat()
        else:
            joined_at = self.joined_at

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        note_category: None | str | Unset
        if isinstance(self.note_category, Unset):
            note_category = UNSET
        else:
            note_category = self.note_category

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "from_organisation_id": from_organisation_id,
                "id": id,
                "purpose": purpose,
                "reference": reference,
                "status": status,
                "to_organisation_id": to_organisation_id,
                "urgency": urgency,
            }
        )
        if answered_at is not UNSET:
            field_dict["answered_at"] = answered_at
        if decline_reason is not UNSET:
            field_dict["decline_reason"] = decline_reason
        if file_id is not UNSET:
            field_dict["file_id"] = file_id
        if joined_at is not UNSET:
            field_dict["joined_at"] = joined_at
        if note is not UNSET:
            field_dict["note"] = note
        if note_category is not UNSET:
            field_dict["note_category"] = note_category

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        from_organisation_id = UUID(d.pop("from_organisation_id"))

        id = UUID(d.pop("id"))

        purpose = d.pop("purpose")

        reference = d.pop("reference")

        status = ReferralViewStatus(d.pop("status"))

        to_organisation_id = UUID(d.pop("to_organisation_id"))

        urgency = d.pop("urgency")

        def _parse_answered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        answered_at = _parse_answered_at(d.pop("answered_at", UNSET))

        def _parse_decline_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        decline_reason = _parse_decline_reason(d.pop("decline_reason", UNSET))

        def _parse_file_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                file_id_type_0 = UUID(data)

                return file_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

        def _parse_joined_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                joined_at_type_0 = datetime.datetime.fromisoformat(data)

                return joined_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        joined_at = _parse_joined_at(d.pop("joined_at", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        def _parse_note_category(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note_category = _parse_note_category(d.pop("note_category", UNSET))

        referral_view = cls(
            created_at=created_at,
            from_organisation_id=from_organisation_id,
            id=id,
            purpose=purpose,
            reference=reference,
            status=status,
            to_organisation_id=to_organisation_id,
            urgency=urgency,
            answered_at=answered_at,
            decline_reason=decline_reason,
            file_id=file_id,
            joined_at=joined_at,
            note=note,
            note_category=note_category,
        )

        referral_view.additional_properties = d
        return referral_view

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
