"""A family member's export: everything the service holds about them and the children under 12
they represent (GDPR art. 15 access and art. 20 portability), assembled from sections.

Each file of the export is its header (reference, status, organisations by name) followed by
one field per entry of :data:`SECTIONS`, in that order. A section is a name, the msgspec type
of its content and an async builder that reads it from an :class:`ExportSource` (the facts of
one file as the reader may see them, read once). The printable page shows a section with the
template ``family/inzage/_<name>.html``. Adding a section is one line in :data:`SECTIONS`; the
JSON Schema (``docs/export.schema.json``) follows from the types.

The whole export is one audit event (a read of the family's own data), whatever it holds.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import msgspec
from msgspec import Struct, UnsetType

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
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
    organisation_names,
    visits_of,
)
from zorgafstemming.coordination.service.facts import (
    FILE_OWNER,
    FileFacts,
    load_facts,
    member_facts,
)
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.family_consent_views import (
    FamilyContext,
    family_consent_views,
)
from zorgafstemming.coordination.service.family_messages import messages_for_family_export
from zorgafstemming.coordination.service.family_plan import (
    plan_and_categories_for_family_export,
)
from zorgafstemming.coordination.service.gate import decide, settle
from zorgafstemming.coordination.service.meeting_family import family_meetings
from zorgafstemming.coordination.service.views import (
    annotations_of,
    consent_events,
    entry_rows,
    member_rows,
    member_view,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity import security_log
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

# The object of the one audit event an export leaves: the reader's own data, all files at once.
OBJECT_FAMILY_EXPORT = "family_export"
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
SECTIONS: tuple[Section[Any], ...] = (
    Section("members", list[MemberView], members_section),
    Section("consents", list[ExportConsent], consents_section),
    Section("entries", ExportEntries, entries_section),
    Section("plan", list[ExportPlanGoal], plan_section),
    Section("meetings", list[ExportMeeting], meetings_section),
    Section("messages", list[ExportThread], messages_section),
    Section("access_log", list[ExportAccess], access_log_section),
)


class ExportFileHeader(Struct, kw_only=True):
    """A file of the export: which it is and which organisations work on it, by name; the
    sections follow as fields of their own."""

    id: uuid.UUID
    reference: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    lead_organisation: str
    participants: list[str]


if TYPE_CHECKING:  # the type checker sees the header; the sections are added below at runtime

    class ExportFile(ExportFileHeader, kw_only=True):
        """A file of the export with one field per section."""

else:
    ExportFile = msgspec.defstruct(
        "ExportFile",
        [(s.name, s.type) for s in SECTIONS],
        bases=(ExportFileHeader,),
        kw_only=True,
        module=__name__,
    )
    ExportFile.__doc__ = "A file of the export: its header, then one field per section."


class FamilyExport(Struct, kw_only=True):
    """Everything the service holds about the signed-in family member (and the children under
    12 they represent), per file, with a JSON Schema in ``docs/export.schema.json``."""

    exported_at: datetime
    files: list[ExportFile]


# --- assembling ----------------------------------------------------------------------------


async def _source(
    uow: UnitOfWork, principal: Principal, membership: Any, names: Mapping[uuid.UUID, str]
) -> ExportSource:
    vocab = vocabulary()
    session, cipher = uow.session, uow.runtime.cipher
    file_id = membership.file_id
    facts = await load_facts(session, cipher, file_id, None)
    assert facts is not None
    await settle(uow, facts)  # expiry is decided at read time, for every reader
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    now = uow.runtime.clock()
    rows = await member_rows(session, file_id)
    people = {r.id: member_facts(cipher, key, r.id, r.role, r.birth_date_enc) for r in rows}
    visible = rules.family_visible_members(people[membership.id], people.values(), now)
    everything = frozenset(vocab.categories)
    members = [member_view(cipher, key, r, everything, vocab) for r in rows if r.id in visible]
    member_name = {
        m.id: " ".join(str(v) for v in (m.given_name, m.family_name) if isinstance(v, str))
        for m in members
    }
    return ExportSource(
        uow=uow,
        file_id=file_id,
        facts=facts,
        key=key,
        viewer=people[membership.id],
        people=people,
        visible=visible,
        members=members,
        member_name=member_name,
        organisation_name=names,
        now=now,
        principal=principal,
    )


async def export_file(source: ExportSource) -> ExportFile:
    """One file of the export: its header and every section, in order."""
    facts = source.facts
    content: dict[str, Any] = {s.name: await s.build(source) for s in SECTIONS}
    built: ExportFile = cast(Any, ExportFile)(
        id=source.file_id,
        reference=file_reference(source.uow.runtime.secrets.audit_key, source.file_id),
        status=facts.status,
        opened_at=facts.opened_at,
        closed_at=facts.closed_at,
        lead_organisation=source.organisation(facts.lead),
        participants=[source.organisation(o) for o in facts.participants or []],
        **content,
    )
    return built


async def family_export(uow: UnitOfWork, principal: Principal, ctx: AuditContext) -> FamilyExport:
    """Everything about the signed-in family member in every file they belong to, as one audit
    event (a read of their own data); the export shows in their security activity too."""
    action = Action.FAMILY_EXPORT_READ
    names = await organisation_names(uow.session)
    files: list[ExportFile] = []
    categories: set[str] = set()
    for membership in await memberships(uow, principal.account_id):
        decision = decide(uow.runtime, principal, action, membership.file_id, is_member=True)
        if not decision.allowed:  # pragma: no cover - the policy permits members
            continue
        source = await _source(uow, principal, membership, names)
        files.append(await export_file(source))
        categories |= source.categories
    await record(
        uow, ctx, action, "allowed", object_type=OBJECT_FAMILY_EXPORT, categories=categories
    )
    await security_log.note(uow, principal.account_id, "export", security_log.client_of(ctx))
    return FamilyExport(exported_at=uow.runtime.clock(), files=files)


def export_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the export, derived from its types."""
    derived: dict[str, Any] = msgspec.json.schema(FamilyExport)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "zorgafstemming: export of a family member's data (GET /api/v1/me/export)",
        **derived,
    }


def export_schema_json() -> str:
    """The export's JSON Schema as committed in ``docs/export.schema.json`` (``make
    export-schema`` writes it; a test fails when it and the types part)."""
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"
