"""The process-wide runtime (settings, database, loaded keys and clock, built once at start-up)
and the unit of work that owns one transaction of a request or command."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zorgafstemming.authz.engine import AuthzEngine
from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.keyfiles import load_secret
from zorgafstemming.crypto.keyring import provider_for
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
        cipher = FieldCipher(provider_for(settings), secrets.index_key)
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

    def unit_of_work(self) -> UnitOfWork:
        """A new unit of work on this runtime's database (enter it with ``async with``)."""
        return UnitOfWork(self)


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
        if self._session is not None:
            raise RuntimeError("a unit of work is entered once")
        self._session = self.runtime.sessions()
        await self._session.begin()
        return self

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
