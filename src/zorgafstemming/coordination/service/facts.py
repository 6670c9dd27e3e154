"""The consent facts of a file: one query, folded into :class:`FileFacts`.

Every access decision of coordination reads them through :func:`load_facts` in the transaction
that reads the data; retention reads the same facts of many files at once through
:func:`facts_of_files`, so both decide on one derivation of consent.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Uuid, and_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination.models import CoordinationFile
from zorgafstemming.coordination.rules import ConsentFacts, MemberFacts, MemberRole

# The owner kind of a file's data key and blind indexes, kept importable from here.
from zorgafstemming.coordination.service.facts_query import FILE_OWNER as FILE_OWNER
from zorgafstemming.coordination.service.facts_query import facts_query
from zorgafstemming.crypto.fields import DataKey, DecryptionError, FieldCipher
from zorgafstemming.db import among


@dataclass(frozen=True, slots=True)
class ConsentEventRow:
    """One event of a consent, as a file view shows it."""

    consent_id: uuid.UUID
    kind: str
    occurred_at: datetime
    valid_until: datetime | None


@dataclass
class FileFacts:
    """The facts one access decision needs, from one query in the reading transaction."""

    file_id: uuid.UUID
    status: str
    lead: uuid.UUID
    opened_at: datetime
    closed_at: datetime | None
    is_participant: bool
    # The caller is assigned to the file in their organisation, and is its coordinator.
    assigned: bool = False
    is_coordinator: bool = False
    consents: list[ConsentFacts] = field(default_factory=list)
    members: dict[uuid.UUID, MemberFacts] = field(default_factory=dict)
    records: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    expiry_recorded: set[uuid.UUID] = field(default_factory=set)
    key: DataKey | None = None
    # The moment settling last changed the file in this transaction (see ``gate.settle``).
    settled_at: datetime | None = None
    # Read with the facts of one file (``load_facts``), so reading it takes no further round
    # trip: the participant organisations in joining order, and every consent's events in the
    # order recorded. None when not read (``facts_of_files``, a file without consents).
    participants: list[uuid.UUID] | None = None
    events: list[ConsentEventRow] | None = None
    # Restriction of processing in force (GDPR art. 18): since when the whole file is
    # restricted (None: it is not), and the members whose data alone is restricted.
    restricted_since: datetime | None = None
    restricted_members: frozenset[uuid.UUID] = frozenset()

    @property
    def restricted(self) -> bool:
        """Whether the processing of the whole file is restricted."""
        return self.restricted_since is not None

    @property
    def is_open(self) -> bool:
        return self.status == "open"


_FILE_ID = bindparam("file_id", type_=Uuid)
_FACTS = facts_query(CoordinationFile.id == _FILE_ID, _FILE_ID)


def member_facts(
    cipher: FieldCipher, key: DataKey, member_id: uuid.UUID, role: str, birth_blob: bytes
) -> MemberFacts:
    """A member's facts, with the birth date decrypted (in memory only) under the file's key."""
    born = cipher.decrypt(
        key, table="members", column="birth_date_enc", row_id=member_id, blob=birth_blob
    )
    return MemberFacts(id=member_id, role=MemberRole(role), birth_date=date.fromisoformat(born))


def _head(row: Any, key: DataKey | None = None) -> FileFacts:
    """The file's own facts from a row of the facts query, before its consents."""
    return FileFacts(
        file_id=row.file_id,
        status=row.status,
        lead=row.lead_organisation_id,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        is_participant=bool(row.is_participant),
        assigned=bool(row.assigned),
        is_coordinator=bool(row.is_coordinator),
        key=key,
        restricted_since=row.restricted_since,
        restricted_members=_ids(row.restricted_member_ids, {}),
    )


def _ids(joined: str | None, seen: dict[str, frozenset[uuid.UUID]]) -> frozenset[uuid.UUID]:
    """The ids of a folded id list; consents of one file mostly name the same people and
    organisations, so each distinct list is parsed once (``seen``)."""
    if not joined:
        return frozenset()
    ids = seen.get(joined)
    if ids is None:
        ids = seen[joined] = frozenset(uuid.UUID(i) for i in joined.split(","))
    return ids


def _head_row(rows: Sequence[Any]) -> Any | None:
    """The row carrying the file's own facts (every file has one: its consent rows)."""
    return next((r for r in rows if r.status is not None), None)


def _fold(rows: Sequence[Any], cipher: FieldCipher, key: DataKey | None) -> FileFacts:
    """The facts of one file from its rows of the facts query (birth dates under ``key``)."""
    facts = _head(_head_row(rows), key)
    consent_rows = [r for r in rows if r.consent_id is not None]
    if not consent_rows:
        return facts
    if key is None:
        raise DecryptionError("the file's data key is gone")
    people = {r.member_id: r for r in rows if r.member_id is not None}
    seen: dict[str, frozenset[uuid.UUID]] = {}

    def known(member_id: uuid.UUID) -> None:
        if member_id not in facts.members:
            person = people[member_id]
            facts.members[member_id] = member_facts(
                cipher, key, member_id, person.member_role, person.member_birth
            )

    for row in consent_rows:
        members = _ids(row.member_ids, seen)  # empty: every covered member withdrew their part
        known(row.given_by_member_id)
        for member_id in members:
            known(member_id)
        facts.consents.append(
            ConsentFacts(
                id=row.consent_id,
                given_by=row.given_by_member_id,
                given_at=row.recorded_at,
                members=members,
                recipients=_ids(row.recipient_ids, seen),
                purposes=frozenset(row.purposes),
                categories=frozenset(row.categories),
                valid_from=row.valid_from,
                valid_until=row.valid_until or row.first_until,
                withdrawn_at=row.withdrawn_at,
                awaiting_confirmation=bool(row.awaiting_confirmation),
            )
        )
        facts.records[row.consent_id] = {
            "on_behalf": row.on_behalf,
            "legal_basis": row.legal_basis,
            "collection_method": row.collection_method,
            "evidence_hash": row.evidence_hash,
            "notice_version": row.notice_version,
            "recorded_at": row.recorded_at,
            "recorded_by_organisation_id": row.recorded_by_organisation_id,
        }
        if row.expiry_recorded:
            facts.expiry_recorded.add(row.consent_id)
    return facts


async def load_facts(
    session: AsyncSession,
    cipher: FieldCipher,
    file_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    *,
    account_id: uuid.UUID | None = None,
    lock: bool = False,
) -> FileFacts | None:
    """The consent facts of a file for ``organisation_id`` (and whether ``account_id`` is
    assigned to it there, and coordinates there), or None when the file is unknown.

    One query; birth dates are decrypted under the file's key. ``lock`` takes the file row for
    update first (PostgreSQL), serialising consent changes on one file.
    """
    if lock:
        locked = await session.scalar(
            select(CoordinationFile.id).where(CoordinationFile.id == file_id).with_for_update()
        )
        if locked is None:
            return None
    rows = (
        await session.execute(
            _FACTS,
            {"file_id": file_id, "organisation_id": organisation_id, "account_id": account_id},
        )
    ).all()
    head = _head_row(rows)
    if head is None:
        return None
    if head.status == "purged" or all(r.consent_id is None for r in rows):
        return _head(head)
    key_rows = [
        _KeyRow(r.key_id, r.key_generation, r.key_status, r.key_kek_version, r.key_wrapped)
        for r in rows
        if r.key_id is not None
    ]
    key = cipher.key_from_rows(FILE_OWNER, file_id, key_rows)
    if key is None:  # no current key yet: made on first use, as everywhere else
        key = await cipher.key_for(session, FILE_OWNER, file_id)
    facts = _fold(rows, cipher, key)
    joined = sorted(
        (r.participant_joined_at, r.participant_id) for r in rows if r.participant_id is not None
    )
    facts.participants = [organisation for _, organisation in joined]
    events = sorted(
        (r.event_recorded_at, r.event_id, r) for r in rows if r.event_consent_id is not None
    )
    facts.events = [
        ConsentEventRow(r.event_consent_id, r.event_kind, r.event_occurred_at, r.event_valid_until)
        for _, _, r in events
    ]
    return facts


class _KeyRow(NamedTuple):
    """A ``data_keys`` row as :meth:`FieldCipher.key_from_rows` reads it."""

    key_id: int
    generation: int
    status: str
    kek_version: int
    wrapped_key: bytes


async def facts_rows_of_files(
    session: AsyncSession, file_ids: Sequence[uuid.UUID] | None = None
) -> dict[uuid.UUID, list[Any]]:
    """The rows of the facts query of every file not purged (or of ``file_ids``), by file, as
    read: :func:`fold_files` turns them into facts (a caller that read them before may compare
    them instead of folding them again)."""
    files = [CoordinationFile.status != "purged"]
    if file_ids is not None:
        files.append(among(session, CoordinationFile.id, file_ids))
    nobody = {"organisation_id": None, "account_id": None}
    rows = (await session.execute(facts_query(and_(*files)), nobody)).all()
    by_file: dict[uuid.UUID, list[Any]] = {}
    for row in rows:
        by_file.setdefault(row.file_id, []).append(row)
    return by_file


async def fold_files(
    session: AsyncSession, cipher: FieldCipher, by_file: dict[uuid.UUID, list[Any]]
) -> dict[uuid.UUID, FileFacts | None]:
    """The facts of files from their rows (see :func:`facts_of_files`)."""
    result: dict[uuid.UUID, FileFacts | None] = {}
    keys = await cipher.load_keys(session, FILE_OWNER, list(by_file))  # one statement, not N
    for file_id, file_rows in by_file.items():
        key = keys.get(file_id)
        try:
            result[file_id] = _fold(file_rows, cipher, key)
        except (DecryptionError, ValueError):
            result[file_id] = None
    return result


async def facts_of_files(
    session: AsyncSession, cipher: FieldCipher, file_ids: Sequence[uuid.UUID] | None = None
) -> dict[uuid.UUID, FileFacts | None]:
    """The consent facts of every file not purged (or of ``file_ids``), in one query.

    A file whose member facts cannot be read (its key is gone, or a birth date does not
    decrypt) maps to None: the caller decides what an unreadable file means.
    """
    return await fold_files(session, cipher, await facts_rows_of_files(session, file_ids))
