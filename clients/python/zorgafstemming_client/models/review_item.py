from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.review_item_answer_type_0 import ReviewItemAnswerType0
from ..models.review_item_reason import ReviewItemReason
from ..models.review_item_status import ReviewItemStatus

T = TypeVar("T", bound="ReviewItem")


@_attrs_define
class ReviewItem:
    """A sampled access as the DPO follows it: the reader's account id and organisation, the
    file's short reference and audit ref, the coordinator's answer and note.

        Attributes:
            action (str):
            answer (None | ReviewItemAnswerType0):
            answered_at (datetime.datetime | None):
            due_at (datetime.datetime):
            file_ref (None | str):
            file_reference (None | str):
            id (UUID):
            month (str):
            note (None | str):
            occurred_at (datetime.datetime):
            organisation_id (None | UUID):
            organisation_name (None | str):
            outcome (str):
            reader_account_id (None | UUID):
            reason (ReviewItemReason):
            self_attested (bool):
            status (ReviewItemStatus):
    """

    action: str
    answer: None | ReviewItemAnswerType0
    answered_at: datetime.datetime | None
    due_at: datetime.datetime
    file_ref: None | str
    file_reference: None | str
    id: UUID
    month: str
    note: None | str
    occurred_at: datetime.datetime
    organisation_id: None | UUID
    organisation_name: None | str
    outcome: str
    reader_account_id: None | UUID
    reason: ReviewItemReason
    self_attested: bool
    status: ReviewItemStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        answer: None | str
        if isinstance(self.answer, ReviewItemAnswerType0):
            answer = self.answer.value
        else:
            answer = self.answer

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        due_at = self.due_at.isoformat()

        file_ref: None | str
        file_ref = self.file_ref

        file_reference: None | str
        file_reference = self.file_reference

        id = str(self.id)

        month = self.month

        note: None | str
        note = self.note

        occurred_at = self.occurred_at.isoformat()

        organisation_id: None | str
        if isinstance(self.organisation_id, UUID):
            organisation_id = str(self.organisation_id)
        else:
            organisation_id = self.organisation_id

        organisation_name: None | str
        organisation_name = self.organisation_name

        outcome = self.outcome

        reader_account_id: None | str
        if isinstance(self.reader_account_id, UUID):
            reader_account_id = str(self.reader_account_id)
        else:
            reader_account_id = self.reader_account_id

        reason = self.reason.value

        self_attested = self.self_attested

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "answer": answer,
                "answered_at": answered_at,
                "due_at": due_at,
                "file_ref": file_ref,
                "file_reference": file_reference,
                "id": id,
                "month": month,
                "note": note,
                "occurred_at": occurred_at,
                "organisation_id": organisation_id,
                "organisation_name": organisation_name,
                "outcome": outcome,
                "reader_account_id": reader_account_id,
                "reason": reason,
                "self_attested": self_attested,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        def _parse_answer(data: object) -> None | ReviewItemAnswerType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answer_type_0 = ReviewItemAnswerType0(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReviewItemAnswerType0, data)

        answer = _parse_answer(d.pop("answer"))

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        def _parse_file_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_ref = _parse_file_ref(d.pop("file_ref"))

        def _parse_file_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_reference = _parse_file_reference(d.pop("file_reference"))

        id = UUID(d.pop("id"))

        month = d.pop("month")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                organisation_id_type_0 = UUID(data)

                return organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        organisation_id = _parse_organisation_id(d.pop("organisation_id"))

        def _parse_organisation_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        organisation_name = _parse_organisation_name(d.pop("organisation_name"))

        outcome = d.pop("outcome")

        def _parse_reader_account_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reader_account_id_type_0 = UUID(data)

                return reader_account_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        reader_account_id = _parse_reader_account_id(d.pop("reader_account_id"))

        reason = ReviewItemReason(d.pop("reason"))

        self_attested = d.pop("self_attested")

        status = ReviewItemStatus(d.pop("status"))

        review_item = cls(
            action=action,
            answer=answer,
            answered_at=answered_at,
            due_at=due_at,
            file_ref=file_ref,
            file_reference=file_reference,
            id=id,
            month=month,
            note=note,
            occurred_at=occurred_at,
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            outcome=outcome,
            reader_account_id=reader_account_id,
            reason=reason,
            self_attested=self_attested,
            status=status,
        )

        review_item.additional_properties = d
        return review_item

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
