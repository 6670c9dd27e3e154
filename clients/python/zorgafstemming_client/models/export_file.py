from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_access import ExportAccess
    from ..models.export_consent import ExportConsent
    from ..models.export_entries import ExportEntries
    from ..models.export_meeting import ExportMeeting
    from ..models.export_plan_goal import ExportPlanGoal
    from ..models.export_thread import ExportThread
    from ..models.member_view import MemberView


T = TypeVar("T", bound="ExportFile")


@_attrs_define
class ExportFile:
    """A file of the export: its header, then one field per section.

    Attributes:
        access_log (list[ExportAccess]):
        closed_at (datetime.datetime | None):
        consents (list[ExportConsent]):
        entries (ExportEntries): The journal as the reader may see it: the entries shared with them, and one line for
            every entry about them that is withheld.
        id (UUID):
        lead_organisation (str):
        meetings (list[ExportMeeting]):
        members (list[MemberView]):
        messages (list[ExportThread]):
        opened_at (datetime.datetime):
        participants (list[str]):
        plan (list[ExportPlanGoal]):
        reference (str):
        status (str):
    """

    access_log: list[ExportAccess]
    closed_at: datetime.datetime | None
    consents: list[ExportConsent]
    entries: ExportEntries
    id: UUID
    lead_organisation: str
    meetings: list[ExportMeeting]
    members: list[MemberView]
    messages: list[ExportThread]
    opened_at: datetime.datetime
    participants: list[str]
    plan: list[ExportPlanGoal]
    reference: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_log = []
        for access_log_item_data in self.access_log:
            access_log_item = access_log_item_data.to_dict()
            access_log.append(access_log_item)

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)

        entries = self.entries.to_dict()

        id = str(self.id)

        lead_organisation = self.lead_organisation

        meetings = []
        for meetings_item_data in self.meetings:
            meetings_item = meetings_item_data.to_dict()
            meetings.append(meetings_item)

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        messages = []
        for messages_item_data in self.messages:
            messages_item = messages_item_data.to_dict()
            messages.append(messages_item)

        opened_at = self.opened_at.isoformat()

        participants = self.participants

        plan = []
        for plan_item_data in self.plan:
            plan_item = plan_item_data.to_dict()
            plan.append(plan_item)

        reference = self.reference

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_log": access_log,
                "closed_at": closed_at,
                "consents": consents,
                "entries": entries,
                "id": id,
                "lead_organisation": lead_organisation,
                "meetings": meetings,
                "members": members,
                "messages": messages,
                "opened_at": opened_at,
                "participants": participants,
                "plan": plan,
                "reference": reference,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_access import ExportAccess  # noqa: PLC0415
        from ..models.export_consent import ExportConsent  # noqa: PLC0415
        from ..models.export_entries import ExportEntries  # noqa: PLC0415
        from ..models.export_meeting import ExportMeeting  # noqa: PLC0415
        from ..models.export_plan_goal import ExportPlanGoal  # noqa: PLC0415
        from ..models.export_thread import ExportThread  # noqa: PLC0415
        from ..models.member_view import MemberView  # noqa: PLC0415

        d = dict(src_dict)
        access_log = []
        _access_log = d.pop("access_log")
        for access_log_item_data in _access_log:
            access_log_item = ExportAccess.from_dict(access_log_item_data)

            access_log.append(access_log_item)

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in _consents:
            consents_item = ExportConsent.from_dict(consents_item_data)

            consents.append(consents_item)

        entries = ExportEntries.from_dict(d.pop("entries"))

        id = UUID(d.pop("id"))

        lead_organisation = d.pop("lead_organisation")

        meetings = []
        _meetings = d.pop("meetings")
        for meetings_item_data in _meetings:
            meetings_item = ExportMeeting.from_dict(meetings_item_data)

            meetings.append(meetings_item)

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = MemberView.from_dict(members_item_data)

            members.append(members_item)

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = ExportThread.from_dict(messages_item_data)

            messages.append(messages_item)

        opened_at = datetime.datetime.fromisoformat(d.pop("opened_at"))

        participants = cast(list[str], d.pop("participants"))

        plan = []
        _plan = d.pop("plan")
        for plan_item_data in _plan:
            plan_item = ExportPlanGoal.from_dict(plan_item_data)

            plan.append(plan_item)

        reference = d.pop("reference")

        status = d.pop("status")

        export_file = cls(
            access_log=access_log,
            closed_at=closed_at,
            consents=consents,
            entries=entries,
            id=id,
            lead_organisation=lead_organisation,
            meetings=meetings,
            members=members,
            messages=messages,
            opened_at=opened_at,
            participants=participants,
            plan=plan,
            reference=reference,
            status=status,
        )

        export_file.additional_properties = d
        return export_file

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
