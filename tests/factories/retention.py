"""Seeded files for the retention tests, the kill test and the purge benchmark.

Writes coordination files the way the coordination package stores them (every personal field
encrypted under the file's data key, the INSZ blind-indexed), with Core inserts so that the
benchmark can seed thousands of files quickly. Fictitious people only.

``make_world`` seeds three files around one purge boundary (``BOUNDARY``) for the purge tests on
an injected clock; ``seed_due_and_not_due`` seeds files due long ago and files still running,
relative to the real clock, for the command-line and kill tests.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypedDict

from sqlalchemy import ColumnElement, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination.models import (
    ConsentEvent,
    ConsentMember,
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Participant,
)
from zorgafstemming.coordination.notice_models import Notification
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.models import BlindIndex, DataKeyRecord
from zorgafstemming.db import Base, new_id, utcnow
from zorgafstemming.identity.models import Account, Credential, Organisation
from zorgafstemming.runtime import Runtime

CANARY_NAME = "Zyxwvutsrq"  # a family name no real person has; must never survive a purge


class FileOwnership(TypedDict):
    """Who leads and opened a seeded file, and when: shared by the files of one seed."""

    org_id: uuid.UUID
    staff_id: uuid.UUID
    opened_at: datetime


@dataclass
class SeededFile:
    """Ids and captured ciphertexts of one seeded file."""

    file_id: uuid.UUID
    member_ids: list[uuid.UUID]
    family_account_id: uuid.UUID | None
    ciphertexts: list[tuple[str, str, uuid.UUID, bytes]] = field(default_factory=list)


async def seed_organisation(session: AsyncSession, now: datetime) -> uuid.UUID:
    """One partner organisation."""
    org_id = new_id()
    await session.execute(
        insert(Organisation).values(
            id=org_id,
            slug=f"org-{org_id.hex[:12]}",
            name="CAW Testregio",
            kind="caw",
            municipality="Zoersel",
            created_at=now,
        )
    )
    return org_id


async def seed_account(
    session: AsyncSession, now: datetime, *, role: str, org_id: uuid.UUID | None = None
) -> uuid.UUID:
    """An active account without secrets (enough for links and cascades), with one session."""
    account_id = new_id()
    await session.execute(
        insert(Account).values(
            id=account_id,
            role=role,
            organisation_id=org_id,
            status="active",
            totp_confirmed=False,
            created_at=now,
            updated_at=now,
        )
    )
    await session.execute(
        insert(Credential).values(
            id=new_id(),
            account_id=account_id,
            kind="session",
            secret_hash=new_id().bytes + new_id().bytes,
            created_at=now,
            last_used_at=now,
            expires_at=now + timedelta(hours=12),
        )
    )
    return account_id


async def seed_file(
    session: AsyncSession,
    cipher: FieldCipher,
    *,
    org_id: uuid.UUID,
    staff_id: uuid.UUID,
    opened_at: datetime,
    consent_until: datetime,
    withdrawn_at: datetime | None = None,
    closed_at: datetime | None = None,
    family_account_id: uuid.UUID | None = None,
    with_family_account: bool = True,
    entries: int = 2,
) -> SeededFile:
    """A file with a parent and a child, one consent by the parent for both, entries, a
    notification, and (optionally) a family account for the parent."""
    file_id = new_id()
    await session.execute(
        insert(CoordinationFile).values(
            id=file_id,
            status="closed" if closed_at else "open",
            lead_organisation_id=org_id,
            opened_by_account_id=staff_id,
            opened_at=opened_at,
            closed_at=closed_at,
            close_reason="closed_by_lead" if closed_at else None,
        )
    )
    await session.execute(
        insert(Participant).values(
            file_id=file_id,
            organisation_id=org_id,
            joined_at=opened_at,
            added_by_account_id=staff_id,
        )
    )
    key = await cipher.key_for(session, "file", file_id)
    seeded = SeededFile(file_id, [], None)

    def enc(table: str, column: str, row_id: uuid.UUID, value: str) -> bytes:
        blob = cipher.encrypt(key, table=table, column=column, row_id=row_id, value=value)
        seeded.ciphertexts.append((table, column, row_id, blob))
        return blob

    if with_family_account and family_account_id is None:
        family_account_id = await seed_account(session, opened_at, role="family")
    seeded.family_account_id = family_account_id
    people: list[tuple[str, date, uuid.UUID | None]] = [
        ("parent", date(1986, 5, 17), family_account_id),
        ("child", date(2019, 9, 2), None),
    ]
    for role, born, account_id in people:
        member_id = new_id()
        seeded.member_ids.append(member_id)
        await session.execute(
            insert(Member).values(
                id=member_id,
                file_id=file_id,
                role=role,
                account_id=account_id,
                given_name_enc=enc("members", "given_name_enc", member_id, "Testkind"),
                family_name_enc=enc("members", "family_name_enc", member_id, CANARY_NAME),
                birth_date_enc=enc("members", "birth_date_enc", member_id, born.isoformat()),
                insz_enc=enc("members", "insz_enc", member_id, "19091700112"),
                created_at=opened_at,
            )
        )
        await cipher.put_blind_index(
            session,
            owner_kind="file",
            owner_id=file_id,
            column="members.insz",
            subject_id=member_id,
            value=f"{member_id.int % 10**11:011d}",
        )
    consent_id = new_id()
    await session.execute(
        insert(ConsentRecord).values(
            id=consent_id,
            file_id=file_id,
            given_by_member_id=seeded.member_ids[0],
            on_behalf=True,
            purposes=["care_coordination"],
            categories=["identity", "family_situation"],
            legal_basis="consent",
            collection_method="signed_form",
            evidence_hash="ab" * 32,
            notice_version="2026-01",
            valid_from=opened_at,
            valid_until=consent_until,
            recorded_by_account_id=staff_id,
            recorded_at=opened_at,
        )
    )
    for member_id in seeded.member_ids:
        await session.execute(
            insert(ConsentMember).values(consent_id=consent_id, member_id=member_id)
        )
    await session.execute(
        insert(ConsentRecipient).values(consent_id=consent_id, organisation_id=org_id)
    )
    await session.execute(
        insert(ConsentEvent).values(
            id=new_id(),
            consent_id=consent_id,
            kind="given",
            occurred_at=opened_at,
            recorded_at=opened_at,
            valid_until=consent_until,
            actor_account_id=staff_id,
        )
    )
    if withdrawn_at is not None:
        await session.execute(
            insert(ConsentEvent).values(
                id=new_id(),
                consent_id=consent_id,
                kind="withdrawn",
                occurred_at=withdrawn_at,
                recorded_at=withdrawn_at,
                actor_account_id=family_account_id,
            )
        )
    for n in range(entries):
        entry_id = new_id()
        await session.execute(
            insert(Entry).values(
                id=entry_id,
                file_id=file_id,
                kind="note",
                category="family_situation",
                confidential=False,
                body_enc=enc("entries", "body_enc", entry_id, f"{CANARY_NAME} verslag {n}"),
                author_account_id=staff_id,
                author_organisation_id=org_id,
                created_at=opened_at,
            )
        )
        await session.execute(
            insert(EntryMember).values(entry_id=entry_id, member_id=seeded.member_ids[1])
        )
    await session.execute(
        insert(Notification).values(
            id=new_id(),
            file_id=file_id,
            organisation_id=org_id,
            kind="consent_expiring",
            consent_id=consent_id,
            created_at=opened_at,
        )
    )
    return seeded


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """A UTC instant."""
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


async def count(
    session: AsyncSession, table: type[Base] | Table, *where: ColumnElement[bool]
) -> int:
    """Rows of ``table`` matching ``where``."""
    return int(await session.scalar(select(func.count()).select_from(table).where(*where)) or 0)


OPENED = utc(2026, 1, 10, 9, 0)
WITHDRAWN = utc(2026, 11, 30, 9, 0)  # 10:00 in Brussels
# All consents ended on 30 November; + P3M is "30 February", clamped to 28 February 2027,
# 10:00 Brussels time = 09:00 UTC.
BOUNDARY = utc(2027, 2, 28, 9, 0)


class World:
    """Three seeded files: two due at ``BOUNDARY`` (one sharing its family account), one kept."""

    def __init__(self) -> None:
        self.due: SeededFile
        self.shared: SeededFile
        self.keep: SeededFile
        self.staff_id: uuid.UUID
        self.shared_account: uuid.UUID


async def make_world(runtime: Runtime) -> World:
    """Seed the purge tests' three files, opened on ``OPENED``, two withdrawn on ``WITHDRAWN``."""
    world = World()
    async with runtime.sessions() as session, session.begin():
        org = await seed_organisation(session, OPENED)
        world.staff_id = await seed_account(session, OPENED, role="social_worker", org_id=org)
        world.shared_account = await seed_account(session, OPENED, role="family")
        common: FileOwnership = {"org_id": org, "staff_id": world.staff_id, "opened_at": OPENED}
        world.due = await seed_file(
            session,
            runtime.cipher,
            consent_until=utc(2028, 1, 10),
            withdrawn_at=WITHDRAWN,
            **common,
        )
        # Due too, but its parent's family account is also linked in the file we keep.
        world.shared = await seed_file(
            session,
            runtime.cipher,
            consent_until=utc(2028, 1, 10),
            withdrawn_at=WITHDRAWN,
            family_account_id=world.shared_account,
            **common,
        )
        world.keep = await seed_file(
            session,
            runtime.cipher,
            consent_until=utc(2029, 12, 31),
            family_account_id=world.shared_account,
            **common,
        )
    return world


async def rows_of(runtime: Runtime, file_id: uuid.UUID) -> dict[str, int]:
    """Rows that a file owns, per kind (all zero once it has been purged)."""
    async with runtime.sessions() as session:
        return {
            "files": await count(session, CoordinationFile, CoordinationFile.id == file_id),
            "members": await count(session, Member, Member.file_id == file_id),
            "entries": await count(session, Entry, Entry.file_id == file_id),
            "consents": await count(session, ConsentRecord, ConsentRecord.file_id == file_id),
            "participants": await count(session, Participant, Participant.file_id == file_id),
            "notifications": await count(session, Notification, Notification.file_id == file_id),
            "data_keys": await count(session, DataKeyRecord, DataKeyRecord.owner_id == file_id),
            "blind_indexes": await count(session, BlindIndex, BlindIndex.owner_id == file_id),
        }


def at(runtime: Runtime, instant: datetime) -> None:
    """Set the runtime's clock to ``instant``."""
    runtime.clock = lambda: instant


async def seed_due_and_not_due(
    runtime: Runtime, due_files: int, not_due_files: int, *, idle: bool = True
) -> tuple[list[SeededFile], list[SeededFile]]:
    """Files due long ago and files with consent running, relative to the real clock; the
    latter opened six years ago (``idle``: due for review) or a month ago."""
    now = utcnow()
    opened = now - timedelta(days=6 * 366)
    async with runtime.sessions() as session, session.begin():
        org = await seed_organisation(session, opened)
        staff = await seed_account(session, opened, role="social_worker", org_id=org)
        common: FileOwnership = {"org_id": org, "staff_id": staff, "opened_at": opened}
        due = [
            await seed_file(
                session,
                runtime.cipher,
                consent_until=opened + timedelta(days=730),
                withdrawn_at=opened + timedelta(days=365),
                **common,
            )
            for _ in range(due_files)
        ]
        not_due = [
            await seed_file(
                session,
                runtime.cipher,
                org_id=org,
                staff_id=staff,
                opened_at=opened if idle else now - timedelta(days=30),
                consent_until=now + timedelta(days=730),
            )
            for _ in range(not_due_files)
        ]
    return due, not_due
