from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.attest_in_answer import AttestInAnswer
from ..types import UNSET, Unset

T = TypeVar("T", bound="AttestIn")


@_attrs_define
class AttestIn:
    """The coordinator's answer: ``needed`` (needed for the care of this family) or
    ``not_justified``, with an optional note (kept encrypted, shown to the DPO).

        Attributes:
            answer (AttestInAnswer):
            note (None | str | Unset):
    """

    answer: AttestInAnswer
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "answer": answer,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        answer = AttestInAnswer(d.pop("answer"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        attest_in = cls(
            answer=answer,
            note=note,
        )

        return attest_in
