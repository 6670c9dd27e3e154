"""One key rotation at a time per database, and a lock that makes a count of data keys final."""

from __future__ import annotations

import fcntl
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

# Arbitrary but fixed: the advisory lock key of key rotations.
_LOCK_ID = 0x7A6B6579


async def lock_keys_table(session: AsyncSession) -> None:
    """Make a count of data keys in this transaction final (SQLite has one writer anyway)."""
    # PostgreSQL: wait for every transaction that inserted or changed a data key to finish, and
    # keep new ones out until this one commits, so a count made here is final.
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("LOCK TABLE data_keys IN SHARE ROW EXCLUSIVE MODE"))


class RotationBusy(Exception):
    """Another key rotation holds the lock on this database."""


@asynccontextmanager
async def rotation_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """Hold the database's key-rotation lock (one rotation at a time, on any host).

    Both kinds of lock vanish with the process, so a killed rotation never blocks its rerun:
    PostgreSQL a session advisory lock on a connection of its own, SQLite a ``flock`` on a file
    next to the database (SQLite's one connection cannot be held aside).
    """
    busy = RotationBusy("another key rotation is running on this database; try again later")
    if engine.dialect.name == "postgresql":
        async with engine.connect() as conn:
            if not await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _LOCK_ID}):
                raise busy
            await conn.commit()
            try:
                yield
            finally:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_ID})
                await conn.commit()
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    fd = os.open(f"{database}.rotation.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        yield
    finally:
        os.close(fd)
