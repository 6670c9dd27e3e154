"""The process-wide runtime (settings, database, loaded keys and clock, built once at start-up)
and the unit of work that owns one transaction of a request or command."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zorgafstemming.authz.engine import AuthzEngine
from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.keyfiles import load_secret
from zorgafstemming.crypto.providers import kek_provider
from zorgafstemming.db import create_engine, session_factory, utcnow
from zorgafstemming.problems import ProblemError


@dataclass(frozen=True)
class Secrets:
    """The non-rotating secrets, each an independent random key (never derived from the KEK)."""

    index_key: bytes = field(repr=False)
    audit_key: bytes = field(repr=False)
    signing_seed: bytes = field(repr=False)
    session_key: bytes = field(repr=False)

    @classmethod
    def load(cls, settings: Settings) -> Secrets:
        key_dir = settings.keys_path
        return cls(
            index_key=load_secret(key_dir, "index"),
            audit_key=load_secret(key_dir, "audit"),
            signing_seed=load_secret(key_dir, "signing"),
            session_key=load_secret(key_dir, "session"),
        )


@dataclass
class Runtime:
    """Everything a request or command needs besides its own input."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    secrets: Secrets
    cipher: FieldCipher
    clock: Callable[[], datetime] = utcnow
    # Cedar policies, schema and static entities, parsed and validated once.
    authz: AuthzEngine = field(default_factory=AuthzEngine.load)

    @classmethod
    def build(cls, settings: Settings, clock: Callable[[], datetime] = utcnow) -> Runtime:
        secrets = Secrets.load(settings)
        cipher = FieldCipher(
            kek_provider(settings),
            secrets.index_key,
            cache_seconds=float(settings.data_key_cache_seconds),
        )
        engine = create_engine(settings.effective_database_url, pool_size=settings.db_pool_size)
        return cls(
            settings=settings,
            engine=engine,
            sessions=session_factory(engine),
            secrets=secrets,
            cipher=cipher,
            clock=clock,
        )

    async def close(self) -> None:
        await self.engine.dispose()
        close_kek = getattr(self.cipher.kek, "close", None)  # a token session (an HSM)
        if close_kek is not None:
            close_kek()

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work on this runtime's database (enter it with ``async with``).

        Within a request whose credential was looked up in an already open unit of work (see
        :meth:`open_request_work`), the first call hands over that one instead: the request
        then runs in one transaction, its credential check included.
        """
        pending = _PENDING.get()
        if pending is not None and pending.takes(self):
            return pending.uow
        return UnitOfWork(self)

    async def open_request_work(self) -> UnitOfWork:
        """Open the request's unit of work early (for its credential check) and hold it for
        the first :meth:`unit_of_work` of the same task; :func:`close_request_work` ends it
        if nothing took it."""
        pending = _PENDING.get()
        if pending is not None and not pending.taken and pending.task is asyncio.current_task():
            return pending.uow  # the credential was already looked up in it
        uow = UnitOfWork(self)
        await uow.__aenter__()
        uow.entered = False  # the taker enters it (once more) with ``async with``
        _PENDING.set(_Pending(uow, asyncio.current_task()))
        return uow


@dataclass
class _Pending:
    """A request's unit of work opened before its handler ran, not yet handed over."""

    uow: UnitOfWork
    task: asyncio.Task[object] | None
    taken: bool = False

    def takes(self, runtime: Runtime) -> bool:
        """Hand the unit of work over once, and only to the task that opened it (a task the
        request spawned gets a unit of work of its own)."""
        if self.taken or self.uow.runtime is not runtime or asyncio.current_task() is not self.task:
            return False
        self.taken = True
        return True


_PENDING: ContextVar[_Pending | None] = ContextVar("zorg_pending_work", default=None)


async def close_request_work() -> None:
    """End the request's early unit of work if its handler never took it (rolled back: it
    only read), and forget it."""
    pending = _PENDING.get()
    if pending is None:
        return
    _PENDING.set(None)
    if not pending.taken:
        await pending.uow.abandon()


# A write that must outlive a refusal: re-run in a transaction of its own after the rollback.
KeptWrite = Callable[[AsyncSession], Awaitable[object]]


class UnitOfWork:
    """One transaction per request or command, opened at the edge and passed down.

    The controller, the web page handler or the CLI command enters it; services write through
    ``uow.session`` and never commit. A clean exit commits; an exception rolls back everything.
    When the exception is a refusal (a :class:`ProblemError`) and the request recorded writes to
    keep (the audit events of its denials, see :meth:`keep_on_refusal`), those are written again in
    a transaction of their own: a refusal leaves its trace and nothing else. If that write fails,
    its own error (``AuditUnavailable``) replaces the refusal — fail closed.
    """

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._session: AsyncSession | None = None
        self._kept: list[KeptWrite] = []
        # Opened early for a request (``Runtime.open_request_work``): begun, not yet entered.
        self.entered = False

    @property
    def session(self) -> AsyncSession:
        """The session of the open transaction."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use it with 'async with'")
        return self._session

    def keep_on_refusal(self, write: KeptWrite) -> None:
        """Run ``write`` again after a rollback caused by a refusal (see the class doc)."""
        self._kept.append(write)

    async def __aenter__(self) -> UnitOfWork:
        if self.entered:
            raise RuntimeError("a unit of work is entered once")
        self.entered = True
        if self._session is None:
            self._session = self.runtime.sessions()
            await self._session.begin()
        return self

    async def commit_and_continue(self) -> None:
        """Commit what was written so far and go on in a new transaction (for a write that
        must stand whatever the rest of the request does)."""
        await self.session.commit()
        await self.session.begin()

    async def abandon(self) -> None:
        """Roll back and close a unit of work that was opened but never entered."""
        if self._session is not None:
            try:
                await self._session.rollback()
            finally:
                await self._session.close()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc is None:
                await session.commit()
                return
            await session.rollback()
            if self._kept and isinstance(exc, ProblemError):
                async with session.begin():
                    for write in self._kept:
                        await write(session)
        finally:
            self._kept.clear()
            await session.close()
