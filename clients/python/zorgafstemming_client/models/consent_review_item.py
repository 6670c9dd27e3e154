from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.recording_organisation import RecordingOrganisation
    from ..models.review_status import ReviewStatus


T = TypeVar("T", bound="ConsentReviewItem")


@_attrs_define
class ConsentReviewItem:
    """A consent recorded by staff, as the DPO reviews it.

    ``file_ref`` is the file's pseudonymous audit reference (the one the audit trail filters
    on); ``state`` is the consent's state now (``pending`` while it awaits the family's
    confirmation); ``contested_at`` is when the family first contested it.

        Attributes:
            collection_method (str):
            consent_id (UUID):
            contested (bool):
            contested_at (datetime.datetime | None):
            file_ref (str):
            has_scan (bool):
            recorded_at (datetime.datetime):
            recorded_by_organisation (RecordingOrganisation): The partner whose worker recorded the consent.
            review (ReviewStatus): The latest review outcome, by whom (the DPO's account) and when; ``none`` before any.
            state (str):
    """

    collection_method: str
    consent_id: UUID
    contested: bool
    contested_at: datetime.datetime | None
    file_ref: str
    has_scan: bool
    recorded_at: datetime.datetime
    recorded_by_organisation: RecordingOrganisation
    review: ReviewStatus
    state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collection_method = self.collection_method

        consent_id = str(self.consent_id)

        contested = self.contested

        contested_at: None | str
        if isinstance(self.contested_at, datetime.datetime):
            contested_at = self.contested_at.isoformat()
        else:
            contested_at = self.contested_at

        file_ref = self.file_ref

        has_scan = self.has_scan

        recorded_at = self.recorded_at.isoformat()

        recorded_by_organisation = self.recorded_by_organisation.to_dict()

        review = self.review.to_dict()

        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collection_method": collection_method,
                "consent_id": consent_id,
                "contested": contested,
                "contested_at": contested_at,
                "file_ref": file_ref,
                "has_scan": has_scan,
                "recorded_at": recorded_at,
                "recorded_by_organisation": recorded_by_organisation,
                "review": review,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recording_organisation import RecordingOrganisation  # noqa: PLC0415
        from ..models.review_status import ReviewStatus  # noqa: PLC0415

        d = dict(src_dict)
        collection_method = d.pop("collection_method")

        consent_id = UUID(d.pop("consent_id"))

        contested = d.pop("contested")

        def _parse_contested_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contested_at_type_0 = datetime.datetime.fromisoformat(data)

                return contested_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        contested_at = _parse_contested_at(d.pop("contested_at"))

        file_ref = d.pop("file_ref")

        has_scan = d.pop("has_scan")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        recorded_by_organisation = RecordingOrganisation.from_dict(d.pop("recorded_by_organisation"))

        review = ReviewStatus.from_dict(d.pop("review"))

        state = d.pop("state")

        consent_review_item = cls(
            collection_method=collection_method,
            consent_id=consent_id,
            contested=contested,
            contested_at=contested_at,
            file_ref=file_ref,
            has_scan=has_scan,
            recorded_at=recorded_at,
            recorded_by_organisation=recorded_by_organisation,
            review=review,
            state=state,
        )

        consent_review_item.additional_properties = d
        return consent_review_item

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
