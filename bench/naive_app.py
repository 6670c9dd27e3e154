"""The naive baseline of ``make bench``: the same database and rows, read and written the plain
way — ORM entities, no token, no consent check, no Cedar, no decryption, no audit event.

Run: ``BENCH_DATABASE_URL=… uvicorn --factory bench.naive_app:create_naive_app``.
"""

from __future__ import annotations

import base64
import os
import uuid
from typing import Any

import msgspec
from litestar import Litestar, get, post
from litestar.datastructures import State
from sqlalchemy import select
from sqlalchemy.orm import undefer

from zorgafstemming.coordination.models import (
    ConsentRecord,
    CoordinationFile,
    Entry,
    EntryMember,
    Member,
    Participant,
)
from zorgafstemming.db import create_engine, new_id, session_factory, utcnow

PAGE = 50
UNCOVERED_CATEGORY = "health"


class NewEntry(msgspec.Struct):
    """An entry as the bench posts it (the same body the service gets)."""

    kind: str
    about: list[uuid.UUID]
    body: str
    category: str | None = None
    confidential: bool = False


def _blob(value: bytes | None) -> str | None:
    return None if value is None else base64.b64encode(value).decode()


def _member(m: Member) -> dict[str, Any]:
    return {
        "id": m.id,
        "role": m.role,
        **{
            name: _blob(getattr(m, f"{name}_enc"))
            for name in ("given_name", "family_name", "birth_date", "address", "phone", "email")
        },
    }


def _entry(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind,
        "category": e.category,
        "body": _blob(e.body_enc),
        "created_at": e.created_at,
    }


@get("/files/{file_id:uuid}")
async def read_file(file_id: uuid.UUID, state: State) -> dict[str, Any]:
    """The file with its members, consents and participants (as stored)."""
    async with state.sessions() as session, session.begin():
        file = await session.get(CoordinationFile, file_id)
        if file is None:
            return {"id": file_id, "found": False}
        members = (
            await session.scalars(
                select(Member)
                .options(undefer("*"))
                .where(Member.file_id == file_id)
                .order_by(Member.created_at)
            )
        ).all()
        consents = (
            await session.scalars(
                select(ConsentRecord).options(undefer("*")).where(ConsentRecord.file_id == file_id)
            )
        ).all()
        participants = (
            await session.scalars(
                select(Participant.organisation_id).where(Participant.file_id == file_id)
            )
        ).all()
        return {
            "id": file.id,
            "status": file.status,
            "lead_organisation_id": file.lead_organisation_id,
            "participants": list(participants),
            "members": [_member(m) for m in members],
            "consents": [
                {"id": c.id, "valid_until": c.valid_until, "categories": c.categories}
                for c in consents
            ],
        }


@get("/files/{file_id:uuid}/entries")
async def list_entries(file_id: uuid.UUID, state: State) -> dict[str, Any]:
    """A page of the file's entries (as stored)."""
    async with state.sessions() as session, session.begin():
        entries = (
            await session.scalars(
                select(Entry)
                .options(undefer("*"))
                .where(Entry.file_id == file_id)
                .order_by(Entry.id)
                .limit(PAGE)
            )
        ).all()
        return {"items": [_entry(e) for e in entries]}


@post("/files/{file_id:uuid}/entries")
async def add_entry(file_id: uuid.UUID, data: NewEntry, state: State) -> dict[str, Any]:
    """Store an entry as given (no encryption, no checks) and commit."""
    async with state.sessions() as session, session.begin():
        entry = Entry(
            id=new_id(),
            file_id=file_id,
            kind=data.kind,
            # Stored under a category the bench's consents do not cover: the service, reading
            # the same files, withholds these plain bodies instead of failing to decrypt them.
            category=UNCOVERED_CATEGORY,
            confidential=data.confidential,
            body_enc=data.body.encode(),
            author_organisation_id=state.organisation_id,
            created_at=utcnow(),
        )
        session.add(entry)
        await session.flush()
        session.add_all(EntryMember(entry_id=entry.id, member_id=m) for m in data.about)
    return _entry(entry)


def create_naive_app() -> Litestar:
    """The baseline app on ``BENCH_DATABASE_URL`` (entries written as ``BENCH_ORGANISATION``)."""
    engine = create_engine(os.environ["BENCH_DATABASE_URL"], pool_size=10)
    organisation = uuid.UUID(os.environ["BENCH_ORGANISATION"])

    async def close() -> None:
        await engine.dispose()

    return Litestar(
        route_handlers=[read_file, list_entries, add_entry],
        state=State({"sessions": session_factory(engine), "organisation_id": organisation}),
        on_shutdown=[close],
    )
