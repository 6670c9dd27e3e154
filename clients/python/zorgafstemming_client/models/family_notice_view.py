from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.organisation_ref import OrganisationRef


T = TypeVar("T", bound="FamilyNoticeView")


@_attrs_define
class FamilyNoticeView:
    """A portal notice: what happened to which consent of which file, who recorded it, when.

    Attributes:
        consent_id (None | UUID):
        created_at (datetime.datetime):
        file_id (UUID):
        id (UUID):
        kind (str):
        organisation (None | OrganisationRef):
        reference (str | Unset):  Default: ''.
    """

    consent_id: None | UUID
    created_at: datetime.datetime
    file_id: UUID
    id: UUID
    kind: str
    organisation: None | OrganisationRef
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.organisation_ref import OrganisationRef  # noqa: PLC0415

        consent_id: None | str
        if isinstance(self.consent_id, UUID):
            consent_id = str(self.consent_id)
        else:
            consent_id = self.consent_id

        created_at = self.created_at.isoformat()

        file_id = str(self.file_id)

        id = str(self.id)

        kind = self.kind

        organisation: dict[str, Any] | None
        if isinstance(self.organisation, OrganisationRef):
            organisation = self.organisation.to_dict()
        else:
            organisation = self.organisation

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consent_id": consent_id,
                "created_at": created_at,
                "file_id": file_id,
                "id": id,
                "kind": kind,
                "organisation": organisation,
            }
        )
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.organisation_ref import OrganisationRef  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_consent_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                consent_id_type_0 = UUID(data)

                return consent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        consent_id = _parse_consent_id(d.pop("consent_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        file_id = UUID(d.pop("file_id"))

        id = UUID(d.pop("id"))

        kind = d.pop("kind")

        def _parse_organisation(data: object) -> None | OrganisationRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                organisation_type_0 = OrganisationRef.from_dict(data)

                return organisation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrganisationRef, data)

        organisation = _parse_organisation(d.pop("organisation"))

        reference = d.pop("reference", UNSET)

        family_notice_view = cls(
            consent_id=consent_id,
            created_at=created_at,
            file_id=file_id,
            id=id,
            kind=kind,
            organisation=organisation,
            reference=reference,
        )

        family_notice_view.additional_properties = d
        return family_notice_view

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
