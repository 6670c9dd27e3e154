from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.member_view import MemberView


T = TypeVar("T", bound="MemberCorrected")


@_attrs_define
class MemberCorrected:
    """A correction stored: the member as the caller now sees them, and the fields changed
    (a field given with its current value is not a change).

        Attributes:
            corrected_fields (list[str]):
            member (MemberView): A member. One the caller may see (``visible``) carries its role and the fields of the
                categories the consent covers, the others absent and listed as withheld; a member the
                caller's consent does not cover is only ``{"id": ..., "visible": false}``.
    """

    corrected_fields: list[str]
    member: MemberView
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        corrected_fields = self.corrected_fields

        member = self.member.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "corrected_fields": corrected_fields,
                "member": member,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.member_view import MemberView  # noqa: PLC0415

        d = dict(src_dict)
        corrected_fields = cast(list[str], d.pop("corrected_fields"))

        member = MemberView.from_dict(d.pop("member"))

        member_corrected = cls(
            corrected_fields=corrected_fields,
            member=member,
        )

        member_corrected.additional_properties = d
        return member_corrected

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
