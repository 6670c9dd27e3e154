from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.family_consent_view_legal_basis import FamilyConsentViewLegalBasis
from ..models.family_consent_view_may_withdraw_type_0 import FamilyConsentViewMayWithdrawType0
from ..models.family_consent_view_state import FamilyConsentViewState

if TYPE_CHECKING:
    from ..models.consent_event_view import ConsentEventView
    from ..models.organisation_ref import OrganisationRef


T = TypeVar("T", bound="FamilyConsentView")


@_attrs_define
class FamilyConsentView:
    """A consent as a family member sees it: about their data (or a child's they represent),
    its state for them, who recorded it and whether a signed form is attached (never its hash).

    ``recorded_by`` is None for a consent given in the family portal. ``members`` lists only the
    covered people the caller may see; ``other_members`` counts the rest.

        Attributes:
            categories (list[str]):
            collection_method (str):
            events (list[ConsentEventView]):
            given_by (UUID):
            given_by_you (bool):
            id (UUID):
            legal_basis (FamilyConsentViewLegalBasis):
            may_confirm (bool):
            may_contest (bool):
            may_object (bool):
            may_withdraw (FamilyConsentViewMayWithdrawType0 | None):
            members (list[UUID]):
            notice_version (str):
            other_members (int):
            purposes (list[str]):
            recipients (list[OrganisationRef]):
            recorded_at (datetime.datetime):
            recorded_by (None | OrganisationRef):
            signed_form_attached (bool):
            state (FamilyConsentViewState):
            valid_from (datetime.datetime):
            valid_until (datetime.datetime):
            withdrawn_at (datetime.datetime | None):
    """

    categories: list[str]
    collection_method: str
    events: list[ConsentEventView]
    given_by: UUID
    given_by_you: bool
    id: UUID
    legal_basis: FamilyConsentViewLegalBasis
    may_confirm: bool
    may_contest: bool
    may_object: bool
    may_withdraw: FamilyConsentViewMayWithdrawType0 | None
    members: list[UUID]
    notice_version: str
    other_members: int
    purposes: list[str]
    recipients: list[OrganisationRef]
    recorded_at: datetime.datetime
    recorded_by: None | OrganisationRef
    signed_form_attached: bool
    state: FamilyConsentViewState
    valid_from: datetime.datetime
    valid_until: datetime.datetime
    withdrawn_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.organisation_ref import OrganisationRef  # noqa: PLC0415

        categories = self.categories

        collection_method = self.collection_method

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        given_by = str(self.given_by)

        given_by_you = self.given_by_you

        id = str(self.id)

        legal_basis = self.legal_basis.value

        may_confirm = self.may_confirm

        may_contest = self.may_contest

        may_object = self.may_object

        may_withdraw: None | str
        if isinstance(self.may_withdraw, FamilyConsentViewMayWithdrawType0):
            may_withdraw = self.may_withdraw.value
        else:
            may_withdraw = self.may_withdraw

        members = []
        for members_item_data in self.members:
            members_item = str(members_item_data)
            members.append(members_item)

        notice_version = self.notice_version

        other_members = self.other_members

        purposes = self.purposes

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = recipients_item_data.to_dict()
            recipients.append(recipients_item)

        recorded_at = self.recorded_at.isoformat()

        recorded_by: dict[str, Any] | None
        if isinstance(self.recorded_by, OrganisationRef):
            recorded_by = self.recorded_by.to_dict()
        else:
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
                "events": events,
                "given_by": given_by,
                "given_by_you": given_by_you,
                "id": id,
                "legal_basis": legal_basis,
                "may_confirm": may_confirm,
                "may_contest": may_contest,
                "may_object": may_object,
                "may_withdraw": may_withdraw,
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
        from ..models.organisation_ref import OrganisationRef  # noqa: PLC0415

        d = dict(src_dict)
        categories = cast(list[str], d.pop("categories"))

        collection_method = d.pop("collection_method")

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ConsentEventView.from_dict(events_item_data)

            events.append(events_item)

        given_by = UUID(d.pop("given_by"))

        given_by_you = d.pop("given_by_you")

        id = UUID(d.pop("id"))

        legal_basis = FamilyConsentViewLegalBasis(d.pop("legal_basis"))

        may_confirm = d.pop("may_confirm")

        may_contest = d.pop("may_contest")

        may_object = d.pop("may_object")

        def _parse_may_withdraw(data: object) -> FamilyConsentViewMayWithdrawType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                may_withdraw_type_0 = FamilyConsentViewMayWithdrawType0(data)

                return may_withdraw_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FamilyConsentViewMayWithdrawType0 | None, data)

        may_withdraw = _parse_may_withdraw(d.pop("may_withdraw"))

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = UUID(members_item_data)

            members.append(members_item)

        notice_version = d.pop("notice_version")

        other_members = d.pop("other_members")

        purposes = cast(list[str], d.pop("purposes"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = OrganisationRef.from_dict(recipients_item_data)

            recipients.append(recipients_item)

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        def _parse_recorded_by(data: object) -> None | OrganisationRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recorded_by_type_0 = OrganisationRef.from_dict(data)

                return recorded_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganisationRef, data)

        recorded_by = _parse_recorded_by(d.pop("recorded_by"))

        signed_form_attached = d.pop("signed_form_attached")

        state = FamilyConsentViewState(d.pop("state"))

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

        family_consent_view = cls(
            categories=categories,
            collection_method=collection_method,
            events=events,
            given_by=given_by,
            given_by_you=given_by_you,
            id=id,
            legal_basis=legal_basis,
            may_confirm=may_confirm,
            may_contest=may_contest,
            may_object=may_object,
            may_withdraw=may_withdraw,
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

        family_consent_view.additional_properties = d
        return family_consent_view

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
