from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.step_in_step import StepInStep
from ..types import UNSET, Unset

T = TypeVar("T", bound="StepIn")


@_attrs_define
class StepIn:
    """A step on a request: ``start`` (in progress), ``extend`` (once, by two months; a reason
    is required), ``answer`` (with an outcome note; an access or portability request is
    answered without one: its note is fixed and says where the family finds its export) or
    ``refuse`` (a reason is required).

        Attributes:
            step (StepInStep):
            reason (None | str | Unset):
    """

    step: StepInStep
    reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        step = self.step.value

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "step": step,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        step = StepInStep(d.pop("step"))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        step_in = cls(
            step=step,
            reason=reason,
        )

        return step_in
