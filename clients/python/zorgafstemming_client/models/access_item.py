from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_item_answer_type_0 import AccessItemAnswerType0
from ..models.access_item_reason import AccessItemReason
from ..models.access_item_status import AccessItemStatus

if TYPE_CHECKING:
    from ..models.colleague import Colleague


T = TypeVar("T", bound="AccessItem")


@_attrs_define
class AccessItem:
    """A sampled access as the reader's coordinator sees it: which colleague, when, which file
    (its short reference) and which action — no case content.

        Attributes:
            action (str):
            answer (AccessItemAnswerType0 | None):
            answered_at (datetime.datetime | None):
            colleague (Colleague): The colleague whose access is asked about (``email`` None when not known any more).
            due_at (datetime.datetime):
            file_reference (None | str):
            id (UUID):
            occurred_at (datetime.datetime):
            reason (AccessItemReason):
            status (AccessItemStatus):
    """

    action: str
    answer: AccessItemAnswerType0 | None
    answered_at: datetime.datetime | None
    colleague: Colleague
    due_at: datetime.datetime
    file_reference: None | str
    id: UUID
    occurred_at: datetime.datetime
    reason: AccessItemReason
    status: AccessItemStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        answer: None | str
        if isinstance(self.answer, AccessItemAnswerType0):
            answer = self.answer.value
        else:
            answer = self.answer

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        colleague = self.colleague.to_dict()

        due_at = self.due_at.isoformat()

        file_reference: None | str
        file_reference = self.file_reference

        id = str(self.id)

        occurred_at = self.occurred_at.isoformat()

        reason = self.reason.value

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "answer": answer,
                "answered_at": answered_at,
                "colleague": colleague,
                "due_at": due_at,
                "file_reference": file_reference,
                "id": id,
                "occurred_at": occurred_at,
                "reason": reason,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.colleague import Colleague  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        def _parse_answer(data: object) -> AccessItemAnswerType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answer_type_0 = AccessItemAnswerType0(data)

                return answer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccessItemAnswerType0 | None, data)

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

        colleague = Colleague.from_dict(d.pop("colleague"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        def _parse_file_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        file_reference = _parse_file_reference(d.pop("file_reference"))

        id = UUID(d.pop("id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        reason = AccessItemReason(d.pop("reason"))

        status = AccessItemStatus(d.pop("status"))

        access_item = cls(
            action=action,
            answer=answer,
            answered_at=answered_at,
            colleague=colleague,
            due_at=due_at,
            file_reference=file_reference,
            id=id,
            occurred_at=occurred_at,
            reason=reason,
            status=status,
        )

        access_item.additional_properties = d
        return access_item

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
