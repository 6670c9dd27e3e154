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
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

import msgspec
from msgspec import Struct

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.export_schemas import (
    ExportAccess,
    ExportConsent,
    ExportEntries,
    ExportMeeting,
    ExportPlanGoal,
    ExportThread,
)
from zorgafstemming.coordination.schemas import MemberView
from zorgafstemming.coordination.service.access_log import (
    organisation_names,
)
from zorgafstemming.coordination.service.facts import (
    FILE_OWNER,
    load_facts,
    member_facts,
)
from zorgafstemming.coordination.service.family import memberships
from zorgafstemming.coordination.service.family_export_sections import (
    ExportSource,
    Section,
    access_log_section,
    consents_section,
    entries_section,
    meetings_section,
    members_section,
    messages_section,
    plan_section,
)
from zorgafstemming.coordination.service.gate import decide, settle
from zorgafstemming.coordination.service.views import (
    member_rows,
    member_view,
)
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity import security_log
from zorgafstemming.identity.principal import Principal
from zorgafstemming.runtime import UnitOfWork

# The object of the one audit event an export leaves: the reader's own data, all files at once.
OBJECT_FAMILY_EXPORT = "family_export"

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
