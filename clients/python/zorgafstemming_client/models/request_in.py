from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.request_in_kind import RequestInKind
from ..models.request_in_scope import RequestInScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestIn")


@_attrs_define
class RequestIn:
    """A data-subject request about one member of a file: its kind (access, rectification,
    erasure, restriction, objection, portability), the member it is about (yourself when 12 or
    older, or a child under 12 you represent) and what you ask, in your own words.

    ``scope`` is what an erasure or restriction asks for: that member's data (``member``, the
    default) or the whole file, everyone in it (``file``); any other kind is about the member
    alone (``file`` answers 422 on ``scope``).

        Attributes:
            details (str):
            kind (RequestInKind):
            member_id (UUID):
            scope (RequestInScope | Unset):  Default: RequestInScope.MEMBER.
    """

    details: str
    kind: RequestInKind
    member_id: UUID
    scope: RequestInScope | Unset = RequestInScope.MEMBER

    def to_dict(self) -> dict[str, Any]:
        details = self.details

        kind = self.kind.value

        member_id = str(self.member_id)

        scope: str | Unset = UNSET
        if not isinstance(self.scope, Unset):
            scope = self.scope.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "details": details,
                "kind": kind,
                "member_id": member_id,
            }
        )
        if scope is not UNSET:
            field_dict["scope"] = scope

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        details = d.pop("details")

        kind = RequestInKind(d.pop("kind"))

        member_id = UUID(d.pop("member_id"))

        _scope = d.pop("scope", UNSET)
        scope: RequestInScope | Unset
        if isinstance(_scope, Unset):
            scope = UNSET
        else:
            scope = RequestInScope(_scope)

        request_in = cls(
            details=details,
            kind=kind,
            member_id=member_id,
            scope=scope,
        )

        return request_in
