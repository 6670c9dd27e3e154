"""Rectifying the journal (GDPR art. 16): an annotation beside an entry, never a rewrite.

An assigned worker of the lead organisation, or of the organisation that wrote the entry, adds
a correction or supplement under a consent in force that covers the entry (its category and
every member it is about). The text is encrypted under the file's data key; the annotation is
shown with the entry wherever the entry is shown. The organisations that read the file are told
(art. 19, :mod:`zorgafstemming.coordination.service.recipients`).
"""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.annotation_models import EntryAnnotation
from zorgafstemming.coordination.models import Entry, EntryMember
from zorgafstemming.coordination.schemas import AnnotationIn, AnnotationView
from zorgafstemming.coordination.service.gate import decide, gate_for
from zorgafstemming.coordination.service.recipients import RECTIFIED, tell_recipients
from zorgafstemming.coordination.service.views import ANNOTATIONS
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import NotFoundError, ProblemError, ValidationFailed
from zorgafstemming.rights import links
from zorgafstemming.rights.links import RECTIFICATION
from zorgafstemming.runtime import UnitOfWork

OBJECT_ENTRY = "entry"


class LeadOrAuthorOnly(
    ProblemError, status=403, slug="lead-or-author-only", title="Lead or author organisation only"
):
    """Only the lead organisation or the organisation that wrote the entry annotates it."""


def entry_not_found() -> NotFoundError:
    """An entry the caller may not see answers exactly like one that does not exist."""
    return NotFoundError("No such entry.")


async def annotate_entry(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: AnnotationIn,
) -> AnnotationView:
    """Add an annotation beside entry ``entry_id`` of the file; the entry stays as written.

    404 for a file or entry the caller may not see; 403 ``lead-or-author-only`` for another
    participant; 422 ``consent-required`` when no consent in force covers the entry."""
    action = Action.COORDINATION_ANNOTATION_CREATE
    gate = await gate_for(
        uow,
        principal,
        ctx,
        action,
        file_id,
        lock=True,
        object_type=OBJECT_ENTRY,
        object_id=entry_id,
    )
    facts = await gate.open_facts("The file is closed; its journal is read-only.")
    session, runtime = uow.session, uow.runtime
    now = runtime.clock()
    org = principal.organisation_id
    assert org is not None and facts.key is not None
    entry = (
        await session.execute(
            select(
                Entry.kind, Entry.category, Entry.confidential, Entry.author_organisation_id
            ).where(Entry.id == entry_id, Entry.file_id == file_id)
        )
    ).first()
    if entry is None:
        await gate.refuse(entry_not_found())
    about = list(
        (
            await session.scalars(
                select(EntryMember.member_id).where(EntryMember.entry_id == entry_id)
            )
        ).all()
    )
    kind = vocabulary().entry_kinds.get(entry.kind)
    covers = kind is not None and rules.covers(
        facts.consents,
        facts.members,
        organisation=org,
        purpose=kind.purpose,
        category=entry.category,
        member_ids=about,
        at=now,
    )
    if not covers:
        # An entry the consent does not cover is one the caller cannot see.
        await gate.refuse(entry_not_found(), categories=[entry.category])
    # Asked again with the entry's author: the lead or the author organisation annotates.
    gate.decision = decide(
        runtime,
        principal,
        action,
        file_id,
        participant=facts.is_participant,
        consent_covers=covers,
        is_lead=facts.lead == org,
        file_open=facts.is_open,
        assigned=facts.assigned,
        is_coordinator=facts.is_coordinator,
        entry_author=entry.author_organisation_id == org,
    )
    if not gate.allowed:
        await gate.refuse(
            LeadOrAuthorOnly(
                "Only the lead organisation or the organisation that wrote the entry annotates it."
            ),
            categories=[entry.category],
        )
    claimed = None
    if data.request_id is not None:
        try:
            claimed = await links.claim(
                uow,
                data.request_id,
                file_id=file_id,
                kinds=RECTIFICATION,
                members=about,
                handled_by=principal,
            )
        except ValidationFailed as problem:
            await gate.refuse(problem, categories=[entry.category])
    annotation_id = new_id()
    body = runtime.cipher.encrypt(
        facts.key, table=ANNOTATIONS, column="body_enc", row_id=annotation_id, value=data.body
    )
    await session.execute(
        insert(EntryAnnotation).values(
            id=annotation_id,
            file_id=file_id,
            entry_id=entry_id,
            body_enc=body,
            author_account_id=principal.account_id,
            author_organisation_id=org,
            created_at=now,
            request_id=data.request_id,
        )
    )
    await tell_recipients(
        uow, file_id, RECTIFIED, about=(OBJECT_ENTRY, entry_id), leaving_out=[org]
    )
    if claimed is not None:
        note = "Bij het verslag staat nu een rechtzetting; het verslag zelf blijft zoals het was."
        await links.complete(uow, principal, ctx, claimed, "answer", note)
    await gate.allow(categories=[entry.category])
    return AnnotationView(
        id=annotation_id,
        entry_id=entry_id,
        body=data.body,
        author_organisation_id=org,
        created_at=now,
        request_id=data.request_id,
    )
