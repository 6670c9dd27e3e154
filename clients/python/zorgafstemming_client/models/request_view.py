from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.request_view_channel import RequestViewChannel
from ..models.request_view_kind import RequestViewKind
from ..models.request_view_scope import RequestViewScope
from ..models.request_view_status import RequestViewStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.step_view import StepView


T = TypeVar("T", bound="RequestView")


@_attrs_define
class RequestView:
    """A data-subject request with its statutory deadline.

    ``due_at`` is the instant it must be answered by (the end of ``due_date``, Brussels time);
    ``overdue`` is true once that has passed while the request is still open. ``channel`` says
    whether the family filed it in the portal or a partner's worker filed it on their behalf
    (``filed_by_organisation_id``). ``details`` and the steps' reasons are shown only to those
    who may read them, and are null once the file is purged (its data key is shredded).

        Attributes:
            channel (RequestViewChannel):
            due_at (datetime.datetime):
            due_date (datetime.date):
            extended (bool):
            file_id (None | UUID):
            filed_by_organisation_id (None | UUID):
            id (UUID):
            kind (RequestViewKind):
            member_id (None | UUID):
            overdue (bool):
            received_at (datetime.datetime):
            reference (str):
            scope (RequestViewScope):
            status (RequestViewStatus):
            closed_at (datetime.datetime | None | Unset):
            details (None | str | Unset):
            steps (list[StepView] | None | Unset):
    """

    channel: RequestViewChannel
    due_at: datetime.datetime
    due_date: datetime.date
    extended: bool
    file_id: None | UUID
    filed_by_organisation_id: None | UUID
    id: UUID
    kind: RequestViewKind
    member_id: None | UUID
    overdue: bool
    received_at: datetime.datetime
    reference: str
    scope: RequestViewScope
    status: RequestViewStatus
    closed_at: datetime.datetime | None | Unset = UNSET
    details: None | str | Unset = UNSET
    steps: list[StepView] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        due_at = self.due_at.isoformat()

        due_date = self.due_date.isoformat()

        extended = self.extended

        file_id: None | str
        if isinstance(self.file_id, UUID):
            file_id = str(self.file_id)
        else:
            file_id = self.file_id

        filed_by_organisation_id: None | str
        if isinstance(self.filed_by_organisation_id, UUID):
            filed_by_organisation_id = str(self.filed_by_organisation_id)
        else:
            filed_by_organisation_id = self.filed_by_organisation_id

        id = str(self.id)

        kind = self.kind.value

        member_id: None | str
        if isinstance(self.member_id, UUID):
            member_id = str(self.member_id)
        else:
            member_id = self.member_id

        overdue = self.overdue

        received_at = self.received_at.isoformat()

        reference = self.reference

        scope = self.scope.value

        status = self.status.value

        closed_at: None | str | Unset
        if isinstance(self.closed_at, Unset):
            closed_at = UNSET
        elif isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        details: None | str | Unset
        if isinstance(self.details, Unset):
            details = UNSET
        else:
            details = self.details

        steps: list[dict[str, Any]] | None | Unset
        if isinstance(self.steps, Unset):
            steps = UNSET
        elif isinstance(self.steps, list):
            steps = []
            for steps_type_0_item_data in self.steps:
                steps_type_0_item = steps_type_0_item_data.to_dict()
                steps.append(steps_type_0_item)

        else:
            steps = self.steps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "due_at": due_at,
                "due_date": due_date,
                "extended": extended,
                "file_id": file_id,
                "filed_by_organisation_id": filed_by_organisation_id,
                "id": id,
                "kind": kind,
                "member_id": member_id,
                "overdue": overdue,
                "received_at": received_at,
                "reference": reference,
                "scope": scope,
                "status": status,
            }
        )
        if closed_at is not UNSET:
            field_dict["closed_at"] = closed_at
        if details is not UNSET:
            field_dict["details"] = details
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.step_view import StepView  # noqa: PLC0415

        d = dict(src_dict)
        channel = RequestViewChannel(d.pop("channel"))

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        extended = d.pop("extended")

        def _parse_file_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                file_id_type_0 = UUID(data)

                return file_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        file_id = _parse_file_id(d.pop("file_id"))

        def _parse_filed_by_organisation_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                filed_by_organisation_id_type_0 = UUID(data)

                return filed_by_organisation_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        filed_by_organisation_id = _parse_filed_by_organisation_id(d.pop("filed_by_organisation_id"))

        id = UUID(d.pop("id"))

        kind = RequestViewKind(d.pop("kind"))

        def _parse_member_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                member_id_type_0 = UUID(data)

                return member_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        member_id = _parse_member_id(d.pop("member_id"))

        overdue = d.pop("overdue")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        reference = d.pop("reference")

        scope = RequestViewScope(d.pop("scope"))

        status = RequestViewStatus(d.pop("status"))

        def _parse_closed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        closed_at = _parse_closed_at(d.pop("closed_at", UNSET))

        def _parse_details(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        details = _parse_details(d.pop("details", UNSET))

        def _parse_steps(data: object) -> list[StepView] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                steps_type_0 = []
                _steps_type_0 = data
                for steps_type_0_item_data in _steps_type_0:
                    steps_type_0_item = StepView.from_dict(steps_type_0_item_data)

                    steps_type_0.append(steps_type_0_item)

                return steps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[StepView] | None | Unset, data)

        steps = _parse_steps(d.pop("steps", UNSET))

        request_view = cls(
            channel=channel,
            due_at=due_at,
            due_date=due_date,
            extended=extended,
            file_id=file_id,
            filed_by_organisation_id=filed_by_organisation_id,
            id=id,
            kind=kind,
            member_id=member_id,
            overdue=overdue,
            received_at=received_at,
            reference=reference,
            scope=scope,
            status=status,
            closed_at=closed_at,
            details=details,
            steps=steps,
        )

        request_view.additional_properties = d
        return request_view

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
