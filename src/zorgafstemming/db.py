"""Database engine, sessions, naming convention, base model and shared column types."""

from __future__ import annotations

import errno
import json
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import uuid_utils
from sqlalchemy import (
    DateTime,
    MetaData,
    String,
    Uuid,
    any_,
    bindparam,
    event,
    func,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every table; the schema itself comes from Alembic migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> uuid.UUID:
    """A new UUIDv7 (time-ordered) primary key, made in the application."""
    return uuid.UUID(bytes=uuid_utils.uuid7().bytes)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores naive ISO text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Columns that many tables declare alike; a column is NOT NULL unless mapped as ``... | None``.
# The primary key of most tables: a UUIDv7 made in the application.
PrimaryId = Annotated[uuid.UUID, mapped_column(Uuid, primary_key=True, default=new_id)]
# A point in time, timezone-aware UTC.
Timestamp = Annotated[datetime, mapped_column(UTCDateTime)]


POOL_TIMEOUT_SECONDS = 10
CONNECT_TIMEOUT_SECONDS = 5


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """Create the async engine: SQLite with WAL, foreign keys, busy timeout, secure delete and one
    serialised connection; PostgreSQL through asyncpg with a pool.

    ``hide_parameters``: a statement's bound values (ids, ciphertexts, blind indexes) never
    appear in an exception's text or in SQLAlchemy's own log lines.
    """
    if is_sqlite(url):
        # One connection: SQLite allows one writer at a time, and a pool of writers only
        # produces lock retries. BEGIN IMMEDIATE takes the write lock up front so that a
        # transaction never fails half-way when another process (the CLI) also writes.
        engine = create_async_engine(
            url,
            echo=echo,
            hide_parameters=True,
            pool_size=1,
            max_overflow=0,
            pool_timeout=30,
        )

        @event.listens_for(engine.sync_engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA secure_delete=ON")
            # FULL: a commit returns only after the WAL is synced, so an acknowledged change
            # (a withdrawal) survives a power loss; NORMAL could lose the last commits.
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine.sync_engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,
        pool_size=pool_size,
        max_overflow=pool_size,
        # A request waits at most this long for a pooled connection, then answers 503.
        pool_timeout=POOL_TIMEOUT_SECONDS,
        pool_pre_ping=False,
        # An unreachable server fails a request within seconds instead of a minute.
        connect_args={"timeout": CONNECT_TIMEOUT_SECONDS},
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any error."""
    async with sessions() as session, session.begin():
        yield session


# SQLite result codes (the low byte of an extended code) that mean "try again shortly".
_SQLITE_UNAVAILABLE = {
    5: "locked",  # SQLITE_BUSY: another writer held the lock past the busy timeout
    6: "locked",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    10: "io-error",  # SQLITE_IOERR
    13: "disk-full",  # SQLITE_FULL (also PRAGMA max_page_count reached)
    14: "unreachable",  # SQLITE_CANTOPEN
}
# PostgreSQL SQLSTATEs: exact codes first, then classes (the first two characters).
_PG_UNAVAILABLE = {
    "40001": "serialization",
    "40P01": "serialization",  # deadlock: one of the two is rolled back and may try again
    "25006": "read-only",  # read-only transaction (a standby after failover)
    "53100": "disk-full",
    "57P01": "unreachable",  # admin shutdown
    "57P02": "unreachable",  # crash shutdown
    "57P03": "unreachable",  # cannot connect now (starting up, recovering)
}
_PG_UNAVAILABLE_CLASSES = {"08": "unreachable", "53": "overloaded"}
# Kinds of unavailability after which the same transaction, run again, may well succeed.
# ("locked" is not: SQLite has already waited its busy timeout for the lock.)
RETRYABLE = frozenset({"serialization"})


def _one_unavailability(exc: BaseException) -> str | None:
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, sa_exc.TimeoutError):  # the pool had no connection to give in time
        return "pool-timeout"
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return "unreachable"
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE_UNAVAILABLE.get(code & 0xFF)
    state = getattr(exc, "sqlstate", None) or getattr(exc, "pgcode", None)
    if isinstance(state, str) and len(state) == 5:
        return _PG_UNAVAILABLE.get(state) or _PG_UNAVAILABLE_CLASSES.get(state[:2])
    name = type(exc).__name__
    if type(exc).__module__.startswith("asyncpg") and (
        name == "ConnectionDoesNotExistError" or (name == "InterfaceError" and "closed" in str(exc))
    ):
        return "unreachable"  # the connection broke under a statement
    if isinstance(exc, ConnectionError | TimeoutError):
        return "unreachable"
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "disk-full"
    return None


def database_unavailability(exc: BaseException) -> str | None:
    """Why the database cannot serve right now (``"unreachable"``, ``"pool-timeout"``,
    ``"serialization"``, ``"locked"``, ``"disk-full"``, ``"read-only"``, …), or None when
    ``exc`` is not such a fault (a bug, a constraint violation).

    Follows the exception's causes and the driver error SQLAlchemy wraps, so a connection
    refused inside asyncpg, a full SQLite disk and a pool timeout are all recognised.
    """
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        kind = _one_unavailability(current)
        if kind is not None:
            return kind
        for nxt in (getattr(current, "orig", None), current.__cause__, current.__context__):
            if isinstance(nxt, BaseException):
                todo.append(nxt)
    return None


def among(session: AsyncSession, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values`` with the values as one parameter — ``= ANY(:array)`` on PostgreSQL,
    ``IN (SELECT value FROM json_each(:json))`` on SQLite — so that a batch's statement text
    (compiled and prepared once) does not change with its size, no parameter limit applies, and
    no statement renders one placeholder per value each time it runs."""
    assert session.bind is not None
    dialect = session.bind.dialect
    typed: Any = column.type
    if dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(typed)))
    process = typed.bind_processor(dialect)
    stored = [process(v) if process is not None else v for v in values]
    listed = func.json_each(bindparam(None, json.dumps(stored), type_=String))
    return column.in_(select(literal_column("value")).select_from(listed))
