from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.emergency_queue_item_ground import EmergencyQueueItemGround

if TYPE_CHECKING:
    from ..models.emergency_review import EmergencyReview
    from ..models.grant_organisation import GrantOrganisation


T = TypeVar("T", bound="EmergencyQueueItem")


@_attrs_define
class EmergencyQueueItem:
    """One emergency grant as the DPO reviews it.

    ``review_due`` is the fifth working day after the request (Brussels calendar);
    ``overdue`` is true once that day passed without a review. ``family_told_at`` is when the
    family's portal shows the access (after the grant ends, or after the DPO's delay).

        Attributes:
            expires_at (datetime.datetime):
            explanation (None | str):
            family_told_at (datetime.datetime):
            file_reference (str):
            ground (EmergencyQueueItemGround):
            holder_account_id (UUID):
            id (UUID):
            in_force (bool):
            member_roles (list[str]):
            organisation (GrantOrganisation): The organisation of the worker who holds the grant.
            overdue (bool):
            requested_at (datetime.datetime):
            review (EmergencyReview | None):
            review_due (datetime.date):
    """

    expires_at: datetime.datetime
    explanation: None | str
    family_told_at: datetime.datetime
    file_reference: str
    ground: EmergencyQueueItemGround
    holder_account_id: UUID
    id: UUID
    in_force: bool
    member_roles: list[str]
    organisation: GrantOrganisation
    overdue: bool
    requested_at: datetime.datetime
    review: EmergencyReview | None
    review_due: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.emergency_review import EmergencyReview  # noqa: PLC0415

        expires_at = self.expires_at.isoformat()

        explanation: None | str
        explanation = self.explanation

        family_told_at = self.family_told_at.isoformat()

        file_reference = self.file_reference

        ground = self.ground.value

        holder_account_id = str(self.holder_account_id)

        id = str(self.id)

        in_force = self.in_force

        member_roles = self.member_roles

        organisation = self.organisation.to_dict()

        overdue = self.overdue

        requested_at = self.requested_at.isoformat()

        review: dict[str, Any] | None
        if isinstance(self.review, EmergencyReview):
            review = self.review.to_dict()
        else:
            review = self.review

        review_due = self.review_due.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expires_at": expires_at,
                "explanation": explanation,
                "family_told_at": family_told_at,
                "file_reference": file_reference,
                "ground": ground,
                "holder_account_id": holder_account_id,
                "id": id,
                "in_force": in_force,
                "member_roles": member_roles,
                "organisation": organisation,
                "overdue": overdue,
                "requested_at": requested_at,
                "review": review,
                "review_due": review_due,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.emergency_review import EmergencyReview  # noqa: PLC0415
        from ..models.grant_organisation import GrantOrganisation  # noqa: PLC0415

        d = dict(src_dict)
        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        def _parse_explanation(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        explanation = _parse_explanation(d.pop("explanation"))

        family_told_at = datetime.datetime.fromisoformat(d.pop("family_told_at"))

        file_reference = d.pop("file_reference")

        ground = EmergencyQueueItemGround(d.pop("ground"))

        holder_account_id = UUID(d.pop("holder_account_id"))

        id = UUID(d.pop("id"))

        in_force = d.pop("in_force")

        member_roles = cast(list[str], d.pop("member_roles"))

        organisation = GrantOrganisation.from_dict(d.pop("organisation"))

        overdue = d.pop("overdue")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        def _parse_review(data: object) -> EmergencyReview | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                review_type_0 = EmergencyReview.from_dict(data)

                return review_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EmergencyReview | None, data)

        review = _parse_review(d.pop("review"))

        review_due = datetime.date.fromisoformat(d.pop("review_due"))

        emergency_queue_item = cls(
            expires_at=expires_at,
            explanation=explanation,
            family_told_at=family_told_at,
            file_reference=file_reference,
            ground=ground,
            holder_account_id=holder_account_id,
            id=id,
            in_force=in_force,
            member_roles=member_roles,
            organisation=organisation,
            overdue=overdue,
            requested_at=requested_at,
            review=review,
            review_due=review_due,
        )

        emergency_queue_item.additional_properties = d
        return emergency_queue_item

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
