"""The sections of a family member's export (see :mod:`.family_export`): the source every
section reads from (one file as the reader may see it, read once) and one builder per section —
members, consents with their history, entries with what was withheld and why, the access log,
the family plan, messages and meetings. Each builder adds the data categories it shows to the
source, for the export's one audit event.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from msgspec import UnsetType

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.export_schemas import (
    ExportAccess,
    ExportAnnotation,
    ExportConsent,
    ExportEntries,
    ExportEntry,
    ExportMeeting,
    ExportMessage,
    ExportPlanAction,
    ExportPlanComment,
    ExportPlanGoal,
    ExportThread,
    ExportWithheld,
)
from zorgafstemming.coordination.meeting_rules import AGENDA_CATEGORY as MEETING_CATEGORY
from zorgafstemming.coordination.rules import MemberFacts
from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.service.access_log import (
    access_log_for,
    visits_of,
)
from zorgafstemming.coordination.service.facts import (
    FileFacts,
)
from zorgafstemming.coordination.service.family_consent_views import (
    FamilyContext,
    family_consent_views,
)
from zorgafstemming.coordination.service.family_messages import messages_for_family_export
from zorgafstemming.coordination.service.family_plan import (
    plan_and_categories_for_family_export,
)
from zorgafstemming.coordination.service.meeting_family import family_meetings
from zorgafstemming.coordination.service.views import (
    annotations_of,
    consent_events,
    entry_rows,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

# The reason a withheld entry carries when it was marked confidential before a reason was
# required (migration 0023 gives such rows this code; see ``policies/vocabulary.toml``).
LEGACY_REASON = "not_recorded"
# An entry about the reader and someone whose data they may not see is withheld for that reason.
THIRD_PARTY_REASON = "third_party_data"
# The access log is read in pages of this size until it ends: the export holds all of it.
_LOG_PAGE = 500


@dataclass
class ExportSource:
    """One file as the reader may see it, read once for every section: the consent facts, the
    file's data key, the members whose data the reader sees (with their views and names) and
    every organisation's name. A section adds the data categories it shows to ``categories``
    (they go into the audit event)."""

    uow: UnitOfWork
    file_id: uuid.UUID
    facts: FileFacts
    key: DataKey
    viewer: MemberFacts
    people: dict[uuid.UUID, MemberFacts]
    visible: frozenset[uuid.UUID]
    members: list[MemberView]
    member_name: dict[uuid.UUID, str]
    organisation_name: Mapping[uuid.UUID, str]
    now: datetime
    principal: Principal
    categories: set[str] = field(default_factory=set)

    def organisation(self, organisation_id: uuid.UUID) -> str:
        """An organisation's name (an organisation that no longer exists: said so)."""
        return self.organisation_name.get(organisation_id, "onbekende organisatie")


T = TypeVar("T")


@dataclass(frozen=True)
class Section(Generic[T]):
    """One part of every file in the export: its field ``name``, the msgspec ``type`` of its
    content and the ``build`` function that reads it."""

    name: str
    type: type[T] | Any  # a Struct, or a generic alias such as list[SomeStruct]
    build: Callable[[ExportSource], Awaitable[T]]

    @property
    def template(self) -> str:
        """The partial that shows this section on the printable page."""
        return f"family/inzage/_{self.name}.html"


# --- the sections --------------------------------------------------------------------------


async def members_section(source: ExportSource) -> list[MemberView]:
    """The reader and the children under 12 they represent, every field."""
    source.categories |= set(vocabulary().member_categories)
    return source.members


async def consents_section(source: ExportSource) -> list[ExportConsent]:
    """The consents about the reader, each with its whole history (given, confirmed, renewed,
    contested, withdrawn, expired, reviewed)."""
    facts = source.facts
    context = FamilyContext(source.viewer, source.people, source.visible, source.now)
    events = await consent_events(source.uow.session, (c.id for c in facts.consents))
    views = await family_consent_views(source.uow, context, facts, events)
    return [
        ExportConsent(
            state=v.state,
            given_by=source.member_name.get(v.given_by),
            given_by_you=v.given_by_you,
            members=[source.member_name[m] for m in v.members if m in source.member_name],
            other_members=v.other_members,
            recipients=[o.name for o in v.recipients],
            purposes=v.purposes,
            categories=v.categories,
            legal_basis=str(facts.records[v.id].get("legal_basis", "")),
            collection_method=v.collection_method,
            notice_version=v.notice_version,
            recorded_by=v.recorded_by.name if v.recorded_by is not None else None,
            recorded_at=v.recorded_at,
            signed_form_attached=v.signed_form_attached,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            withdrawn_at=v.withdrawn_at,
            history=v.events,
        )
        for v in views
    ]


async def entries_section(source: ExportSource) -> ExportEntries:
    """The entries shared with the reader, and a line for each entry about them that is
    withheld: confidential (with the recorded reason) or also about someone whose data they
    may not see (data of third parties). Entries only about others are not theirs: left out."""
    reasons = vocabulary().confidential_reasons
    cipher = source.uow.runtime.cipher
    rows, about = await entry_rows(source.uow.session, source.file_id)
    notes = await annotations_of(source.uow.session, source.file_id, [r.id for r in rows])
    shared: list[ExportEntry] = []
    withheld: list[ExportWithheld] = []
    for row in rows:
        members = about.get(row.id, [])
        if not set(members) & source.visible:
            continue
        if rules.family_may_see_entry(source.visible, members, row.confidential):
            body = cipher.decrypt(
                source.key, table="entries", column="body_enc", row_id=row.id, blob=row.body_enc
            )
            shared.append(
                ExportEntry(
                    kind=row.kind,
                    category=row.category,
                    about=[source.member_name[m] for m in members],
                    body=body,
                    author_organisation=source.organisation(row.author_organisation_id),
                    created_at=row.created_at,
                    annotations=[
                        ExportAnnotation(
                            body=cipher.decrypt(
                                source.key,
                                table="entry_annotations",
                                column="body_enc",
                                row_id=n.id,
                                blob=n.body_enc,
                            ),
                            author_organisation=source.organisation(n.author_organisation_id),
                            created_at=n.created_at,
                        )
                        for n in notes.get(row.id, [])
                    ],
                )
            )
            source.categories.add(row.category)
            continue
        code = (
            (row.confidential_reason or LEGACY_REASON) if row.confidential else THIRD_PARTY_REASON
        )
        reason = reasons.get(code)
        withheld.append(
            ExportWithheld(
                kind="entry",
                created_at=row.created_at,
                reason=code,
                reason_label=reason.label if reason is not None else code,
            )
        )
    return ExportEntries(shared=shared, withheld=withheld)


async def access_log_section(source: ExportSource) -> list[ExportAccess]:
    """Every visit of staff to the file, newest first: the family's "who looked" list in full,
    organisations by name and role (never a worker's identity)."""
    uow = source.uow
    rows = []
    after: tuple[datetime, uuid.UUID] | None = None
    while True:
        page = await access_log_for(
            uow.session,
            uow.runtime.secrets.audit_key,
            source.file_id,
            organisation_ids=source.organisation_name,
            limit=_LOG_PAGE,
            after=after,
            now=source.now,
        )
        rows += page
        if len(page) < _LOG_PAGE:
            break
        after = (page[-1].at, page[-1].id)
    return [
        ExportAccess(
            at=v.at,
            organisation=source.organisation(v.organisation_id) if v.organisation_id else None,
            role=v.role,
            verb=v.verb,
            parts=[p or "file" for p in v.parts],
            emergency_ground=v.emergency_ground,
        )
        for v in visits_of(rows)
    ]


async def plan_section(source: ExportSource) -> list[ExportPlanGoal]:
    """The family plan as the reader may see it: no confidential items, none only about
    others; owners and commenting organisations by name."""
    plan, categories = await plan_and_categories_for_family_export(
        source.uow, source.viewer.id, source.file_id
    )
    source.categories |= categories

    def owner(organisation_id: uuid.UUID | None) -> str:
        return "het gezin" if organisation_id is None else source.organisation(organisation_id)

    return [
        ExportPlanGoal(
            title=g.title,
            actions=[
                ExportPlanAction(
                    description=a.description,
                    owner=owner(a.owner_organisation_id),
                    due_on=a.due_on,
                    status=a.status,
                    drop_reason=a.drop_reason,
                )
                for a in g.actions
            ],
            comments=[
                ExportPlanComment(
                    text=c.text,
                    by="het gezin" if c.by_family else owner(c.organisation_id),
                    at=c.occurred_at,
                )
                for c in g.comments
            ],
        )
        for g in plan.goals
    ]


async def messages_section(source: ExportSource) -> list[ExportThread]:
    """The threads addressed to the family about the reader (or a child they represent), each
    with all its messages; writers by organisation name, or the family."""
    threads = await messages_for_family_export(source.uow, source.principal, source.file_id)
    shown: list[ExportThread] = []
    for t in threads:
        source.categories.add(t.thread.category)
        messages = []
        for m in t.messages:
            if not m.withheld:
                source.categories.add(m.category)
            messages.append(
                ExportMessage(
                    author=(
                        source.organisation(m.author_organisation_id)
                        if m.author_organisation_id is not None
                        else "het gezin"
                    ),
                    created_at=m.created_at,
                    withheld=m.withheld,
                    body=None if m.withheld or isinstance(m.body, UnsetType) else m.body,
                    attachments=0 if isinstance(m.attachments, UnsetType) else len(m.attachments),
                )
            )
        subject = None if isinstance(t.thread.subject, UnsetType) else t.thread.subject
        shown.append(ExportThread(subject=subject, category=t.thread.category, messages=messages))
    return shown


async def meetings_section(source: ExportSource) -> list[ExportMeeting]:
    """The case meetings about the reader: day and hours (Brussels time), place and the agenda
    items about people they may see."""
    meetings = await family_meetings(source.uow, source.principal, source.file_id)
    if meetings:
        source.categories.add(MEETING_CATEGORY)
    return [
        ExportMeeting(
            day=m.day,
            start_time=m.start_time,
            end_time=m.end_time,
            status=m.status,
            place=m.place,
            agenda=list(m.agenda),
        )
        for m in meetings
    ]


# The sections of every file, in the order the export and the printable page show them.
# A new section is one line here: Section("<field>", <msgspec type>, <async builder>), plus its
# partial ``family/inzage/_<field>.html`` for the printable page.
