from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_consent_state import ExportConsentState

if TYPE_CHECKING:
    from ..models.consent_event_view import ConsentEventView


T = TypeVar("T", bound="ExportConsent")


@_attrs_define
class ExportConsent:
    """A consent about the reader (or a child they represent) with its whole history.

    ``given_by`` is the name of the member who gave it when the reader may see them, else null
    (``given_by_you`` says when it was the reader); ``members`` names the covered people the
    reader may see, ``other_members`` counts the others; ``recorded_by`` is the organisation that
    recorded it, null when it was given in the family portal.

        Attributes:
            categories (list[str]):
            collection_method (str):
            given_by (None | str):
            given_by_you (bool):
            history (list[ConsentEventView]):
            legal_basis (str):
            members (list[str]):
            notice_version (str):
            other_members (int):
            purposes (list[str]):
            recipients (list[str]):
            recorded_at (datetime.datetime):
            recorded_by (None | str):
            signed_form_attached (bool):
            state (ExportConsentState):
            valid_from (datetime.datetime):
            valid_until (datetime.datetime):
            withdrawn_at (datetime.datetime | None):
    """

    categories: list[str]
    collection_method: str
    given_by: None | str
    given_by_you: bool
    history: list[ConsentEventView]
    legal_basis: str
    members: list[str]
    notice_version: str
    other_members: int
    purposes: list[str]
    recipients: list[str]
    recorded_at: datetime.datetime
    recorded_by: None | str
    signed_form_attached: bool
    state: ExportConsentState
    valid_from: datetime.datetime
    valid_until: datetime.datetime
    withdrawn_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        categories = self.categories

        collection_method = self.collection_method

        given_by: None | str
        given_by = self.given_by

        given_by_you = self.given_by_you

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        legal_basis = self.legal_basis

        members = self.members

        notice_version = self.notice_version

        other_members = self.other_members

        purposes = self.purposes

        recipients = self.recipients

        recorded_at = self.recorded_at.isoformat()

        recorded_by: None | str
        recorded_by = self.recorded_by

        signed_form_attached = self.signed_form_attached

        state = self.state.value

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
                "given_by": given_by,
                "given_by_you": given_by_you,
                "history": history,
                "legal_basis": legal_basis,
                "members": members,
                "notice_version": notice_version,
                "other_members": other_members,
                "purposes": purposes,
                "recipients": recipients,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
                "signed_form_attached": signed_form_attached,
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

        def _parse_given_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        given_by = _parse_given_by(d.pop("given_by"))

        given_by_you = d.pop("given_by_you")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = ConsentEventView.from_dict(history_item_data)

            history.append(history_item)

        legal_basis = d.pop("legal_basis")

        members = cast(list[str], d.pop("members"))

        notice_version = d.pop("notice_version")

        other_members = d.pop("other_members")

        purposes = cast(list[str], d.pop("purposes"))

        recipients = cast(list[str], d.pop("recipients"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_recorded_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        recorded_by = _parse_recorded_by(d.pop("recorded_by"))

        signed_form_attached = d.pop("signed_form_attached")

        state = ExportConsentState(d.pop("state"))

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

        export_consent = cls(
            categories=categories,
            collection_method=collection_method,
            given_by=given_by,
            given_by_you=given_by_you,
            history=history,
            legal_basis=legal_basis,
            members=members,
            notice_version=notice_version,
            other_members=other_members,
            purposes=purposes,
            recipients=recipients,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
            signed_form_attached=signed_form_attached,
            state=state,
            valid_from=valid_from,
            valid_until=valid_until,
            withdrawn_at=withdrawn_at,
        )

        export_consent.additional_properties = d
        return export_consent

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
