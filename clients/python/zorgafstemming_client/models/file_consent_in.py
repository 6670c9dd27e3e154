from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.file_consent_in_legal_basis import FileConsentInLegalBasis
from ..types import UNSET, Unset

T = TypeVar("T", bound="FileConsentIn")


@_attrs_define
class FileConsentIn:
    """A consent given with a new file; members are named by their ``ref`` in the request.

    ``evidence_id`` names an uploaded scan of the signed form (``POST /evidence``); the consent
    that lets the caller open the file needs one.

        Attributes:
            categories (list[str]):
            given_by (str):
            members (list[str]):
            notice_version (str):
            purposes (list[str]):
            recipients (list[UUID]):
            valid_until (datetime.datetime):
            evidence_id (None | Unset | UUID):
            legal_basis (FileConsentInLegalBasis | Unset):  Default: FileConsentInLegalBasis.CONSENT.
            valid_from (datetime.datetime | None | Unset):
    """

    categories: list[str]
    given_by: str
    members: list[str]
    notice_version: str
    purposes: list[str]
    recipients: list[UUID]
    valid_until: datetime.datetime
    evidence_id: None | Unset | UUID = UNSET
    legal_basis: FileConsentInLegalBasis | Unset = FileConsentInLegalBasis.CONSENT
    valid_from: datetime.datetime | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        categories = self.categories

        given_by = self.given_by

        members = self.members

        notice_version = self.notice_version

        purposes = self.purposes

        recipients = []
        for recipients_item_data in self.recipients:
            recipients_item = str(recipients_item_data)
            recipients.append(recipients_item)

        valid_until = self.valid_until.isoformat()

        evidence_id: None | str | Unset
        if isinstance(self.evidence_id, Unset):
            evidence_id = UNSET
        elif isinstance(self.evidence_id, UUID):
            evidence_id = str(self.evidence_id)
        else:
            evidence_id = self.evidence_id

        legal_basis: str | Unset = UNSET
        if not isinstance(self.legal_basis, Unset):
            legal_basis = self.legal_basis.value

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "categories": categories,
                "given_by": given_by,
                "members": members,
                "notice_version": notice_version,
                "purposes": purposes,
                "recipients": recipients,
                "valid_until": valid_until,
            }
        )
        if evidence_id is not UNSET:
            field_dict["evidence_id"] = evidence_id
        if legal_basis is not UNSET:
            field_dict["legal_basis"] = legal_basis
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        categories = cast(list[str], d.pop("categories"))

        given_by = d.pop("given_by")

        members = cast(list[str], d.pop("members"))

        notice_version = d.pop("notice_version")

        purposes = cast(list[str], d.pop("purposes"))

        recipients = []
        _recipients = d.pop("recipients")
        for recipients_item_data in _recipients:
            recipients_item = UUID(recipients_item_data)

            recipients.append(recipients_item)

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        def _parse_evidence_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                evidence_id_type_0 = UUID(data)

                return evidence_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        evidence_id = _parse_evidence_id(d.pop("evidence_id", UNSET))

        _legal_basis = d.pop("legal_basis", UNSET)
        legal_basis: FileConsentInLegalBasis | Unset
        if isinstance(_legal_basis, Unset):
            legal_basis = UNSET
        else:
            legal_basis = FileConsentInLegalBasis(_legal_basis)

        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        file_consent_in = cls(
            categories=categories,
            given_by=given_by,
            members=members,
            notice_version=notice_version,
            purposes=purposes,
            recipients=recipients,
            valid_until=valid_until,
            evidence_id=evidence_id,
            legal_basis=legal_basis,
            valid_from=valid_from,
        )

        return file_consent_in
