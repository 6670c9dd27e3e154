"""The process-wide runtime: settings, database, loaded keys and clock, built once at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from zorgafstemming.authz.engine import AuthzEngine
from zorgafstemming.config import Settings
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.keyfiles import load_secret
from zorgafstemming.crypto.keyring import provider_for
from zorgafstemming.db import create_engine, session_factory, utcnow


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
