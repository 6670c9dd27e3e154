from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.emergency_request_in_ground import EmergencyRequestInGround
from ..models.member_role import MemberRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="EmergencyRequestIn")


@_attrs_define
class EmergencyRequestIn:
    """A request for emergency access to one file.

    ``ground``: ``risk_to_child`` (a risk to a child's life or safety: the state of necessity,
    Sw. art. 458bis), ``court_order`` (an order of a court or the public prosecutor) or
    ``other`` (then ``explanation`` is required). ``member_roles``: the family roles of the
    members concerned; the grant shows only those members (all of them when left out).

        Attributes:
            file_reference (str):
            ground (EmergencyRequestInGround):
            explanation (None | str | Unset):
            member_roles (list[MemberRole] | Unset):
    """

    file_reference: str
    ground: EmergencyRequestInGround
    explanation: None | str | Unset = UNSET
    member_roles: list[MemberRole] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        file_reference = self.file_reference

        ground = self.ground.value

        explanation: None | str | Unset
        if isinstance(self.explanation, Unset):
            explanation = UNSET
        else:
            explanation = self.explanation

        member_roles: list[str] | Unset = UNSET
        if not isinstance(self.member_roles, Unset):
            member_roles = []
            for member_roles_item_data in self.member_roles:
                member_roles_item = member_roles_item_data.value
                member_roles.append(member_roles_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "file_reference": file_reference,
                "ground": ground,
            }
        )
        if explanation is not UNSET:
            field_dict["explanation"] = explanation
        if member_roles is not UNSET:
            field_dict["member_roles"] = member_roles

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file_reference = d.pop("file_reference")

        ground = EmergencyRequestInGround(d.pop("ground"))

        def _parse_explanation(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        explanation = _parse_explanation(d.pop("explanation", UNSET))

        _member_roles = d.pop("member_roles", UNSET)
        member_roles: list[MemberRole] | Unset = UNSET
        if _member_roles is not UNSET:
            member_roles = []
            for member_roles_item_data in _member_roles:
                member_roles_item = MemberRole(member_roles_item_data)

                member_roles.append(member_roles_item)

        emergency_request_in = cls(
            file_reference=file_reference,
            ground=ground,
            explanation=explanation,
            member_roles=member_roles,
        )

        return emergency_request_in
