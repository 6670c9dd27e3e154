"""Reading rows into the views the API returns: consents with their events, members with only
the fields of allowed categories decrypted, journal entries."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import String, Uuid, bindparam, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.annotation_models import EntryAnnotation
from zorgafstemming.coordination.models import ConsentEvent, Entry, EntryMember, Member
from zorgafstemming.coordination.schemas import (
    AnnotationView,
    ConsentEventView,
    ConsentView,
    EntryView,
    MemberView,
)
from zorgafstemming.coordination.service.facts import FileFacts
from zorgafstemming.coordination.vocabulary import MEMBER_FIELDS, Vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher


def consent_views(facts: FileFacts, events: Sequence[Any], now: datetime) -> list[ConsentView]:
    """The views of the consents in ``facts``, each with its events in the order recorded."""
    by_consent: dict[uuid.UUID, list[ConsentEventView]] = {}
    for event in events:
        by_consent.setdefault(event.consent_id, []).append(
            ConsentEventView(
                kind=event.kind, occurred_at=event.occurred_at, valid_until=event.valid_until
            )
        )
    views = []
    for consent in facts.consents:
        record = facts.records[consent.id]
        views.append(
            ConsentView(
                id=consent.id,
                state=rules.consent_state(consent, now),
                given_by=consent.given_by,
                on_behalf=record["on_behalf"],
                members=sorted(consent.members),
                recipients=sorted(consent.recipients),
                purposes=sorted(consent.purposes),
                categories=sorted(consent.categories),
                legal_basis=record["legal_basis"],
                collection_method=record["collection_method"],
                notice_version=record["notice_version"],
                valid_from=consent.valid_from,
                valid_until=consent.valid_until,
                withdrawn_at=consent.withdrawn_at,
                recorded_at=record["recorded_at"],
                events=by_consent.get(consent.id, []),
            )
        )
    return views


async def consent_events(session: AsyncSession, consent_ids: Iterable[uuid.UUID]) -> Sequence[Any]:
    """The events of the given consents, in the order they were recorded."""
    ids = list(consent_ids)
    if not ids:
        return []
    result = await session.execute(
        select(
            ConsentEvent.consent_id,
            ConsentEvent.kind,
            ConsentEvent.occurred_at,
            ConsentEvent.valid_until,
        )
        .where(ConsentEvent.consent_id.in_(ids))
        .order_by(ConsentEvent.recorded_at, ConsentEvent.id)
    )
    return result.all()


async def consent_view(
    session: AsyncSession, facts: FileFacts, consent_id: uuid.UUID, now: datetime
) -> ConsentView:
    """The view of one consent of ``facts`` as it stands now."""
    events = await consent_events(session, [consent_id])
    only = replace(facts, consents=[c for c in facts.consents if c.id == consent_id])
    return consent_views(only, events, now)[0]


_MEMBER_COLUMNS = {name: getattr(Member, f"{name}_enc") for name in MEMBER_FIELDS}


# Every read of a file runs it: built once, the file bound per call.
_MEMBERS_OF_FILE = (
    select(Member.id, Member.role, Member.ended_at, *_MEMBER_COLUMNS.values())
    .where(Member.file_id == bindparam("file_id", type_=Uuid))
    .order_by(Member.created_at, Member.id)
)


async def member_rows(
    session: AsyncSession, file_id: uuid.UUID, member_ids: Iterable[uuid.UUID] | None = None
) -> Sequence[Any]:
    """The file's member rows (encrypted fields included), in the order they were added."""
    if member_ids is None:
        return (await session.execute(_MEMBERS_OF_FILE, {"file_id": file_id})).all()
    stmt = _MEMBERS_OF_FILE.where(Member.id.in_(list(member_ids)))
    return (await session.execute(stmt, {"file_id": file_id})).all()


def member_view(
    cipher: FieldCipher,
    key: DataKey,
    row: Any,
    allowed: frozenset[str],
    vocab: Vocabulary,
) -> MemberView:
    """A member with only the fields of ``allowed`` categories decrypted and present."""
    values: dict[str, Any] = {}
    for name in MEMBER_FIELDS:
        if vocab.category_of_field(name) not in allowed:
            continue
        blob = getattr(row, f"{name}_enc")
        values[name] = (
            None
            if blob is None
            else cipher.decrypt(
                key, table="members", column=f"{name}_enc", row_id=row.id, blob=blob
            )
        )
    withheld = [c for c in vocab.member_categories if c not in allowed]
    return MemberView(
        id=row.id, visible=True, role=row.role, withheld_categories=withheld, **values
    )


def hidden_member(member_id: uuid.UUID) -> MemberView:
    """A member the caller's consent does not cover: that they exist, nothing more (no role,
    no field, not whether they have a portal account)."""
    return MemberView(id=member_id, visible=False)


def entry_view(
    cipher: FieldCipher,
    key: DataKey,
    row: Any,
    about: list[uuid.UUID],
    annotations: Sequence[Any] = (),
) -> EntryView:
    """A journal entry with its body and its annotations (rows of :func:`annotations_of`)
    decrypted."""
    return EntryView(
        annotations=[
            AnnotationView(
                id=a.id,
                entry_id=a.entry_id,
                body=cipher.decrypt(
                    key, table=ANNOTATIONS, column="body_enc", row_id=a.id, blob=a.body_enc
                ),
                author_organisation_id=a.author_organisation_id,
                created_at=a.created_at,
                request_id=a.request_id,
            )
            for a in annotations
        ],
        id=row.id,
        kind=row.kind,
        category=row.category,
        about=about,
        body=cipher.decrypt(
            key, table="entries", column="body_enc", row_id=row.id, blob=row.body_enc
        ),
        confidential=row.confidential,
        author_organisation_id=row.author_organisation_id,
        created_at=row.created_at,
        confidential_reason=row.confidential_reason,
    )


ANNOTATIONS = "entry_annotations"


async def annotations_of(
    session: AsyncSession, file_id: uuid.UUID, entry_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[Any]]:
    """The annotations of these entries of the file, oldest first per entry — read in the
    transaction that reads the entries, so an entry is never shown without its corrections."""
    ids = list(entry_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(
            EntryAnnotation.id,
            EntryAnnotation.entry_id,
            EntryAnnotation.body_enc,
            EntryAnnotation.author_organisation_id,
            EntryAnnotation.created_at,
            EntryAnnotation.request_id,
        )
        .where(EntryAnnotation.file_id == file_id, EntryAnnotation.entry_id.in_(ids))
        .order_by(EntryAnnotation.created_at, EntryAnnotation.id)
    )
    found: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        found.setdefault(row.entry_id, []).append(row)
    return found


async def entry_rows(
    session: AsyncSession,
    file_id: uuid.UUID,
    *,
    after: uuid.UUID | None = None,
    limit: int | None = None,
) -> tuple[list[Any], dict[uuid.UUID, list[uuid.UUID]]]:
    """The file's journal rows by id (a page of them), and the members each is about — one
    statement (the members folded into an id list per entry)."""
    stmt = _ENTRIES_OF_FILE
    if after is not None:
        stmt = stmt.where(Entry.id > after)
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = list((await session.execute(stmt, {"file_id": file_id})).all())
    about: dict[uuid.UUID, list[uuid.UUID]] = {}
    for row in rows:
        if row.about_ids:
            about[row.id] = [uuid.UUID(i) for i in row.about_ids.split(",")]
    return rows, about


_ENTRIES_OF_FILE = (
    select(
        Entry.id,
        Entry.kind,
        Entry.category,
        Entry.confidential,
        Entry.confidential_reason,
        Entry.body_enc,
        Entry.author_organisation_id,
        Entry.created_at,
        select(func.aggregate_strings(cast(EntryMember.member_id, String), ","))
        .where(EntryMember.entry_id == Entry.id)
        .correlate(Entry)
        .scalar_subquery()
        .label("about_ids"),
    )
    .where(Entry.file_id == bindparam("file_id", type_=Uuid))
    .order_by(Entry.id)
)
