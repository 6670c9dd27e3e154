"""Test fixtures: every storage test runs on SQLite and PostgreSQL, schemas built by Alembic.

Per test worker and backend there is one migrated *template* database. ``db`` gives a session on a
per-worker database inside a transaction that is rolled back; ``database_url`` (and ``committing``,
``app_client``) give a fresh copy of the template for tests that need real commits.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from httpx import AsyncClient
from hypothesis import HealthCheck, settings
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories.hsm import SoftToken, make_soft_token
from tests.factories.http import asgi_transport, started_app
from zorgafstemming import migrate
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.db import create_engine
from zorgafstemming.runtime import Runtime

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PG_URL = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("ZORG_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgresql"]


def _asyncpg_url(url: str, database: str | None = None) -> str:
    base = url.replace("postgresql://", "postgresql+asyncpg://", 1)
    if database is None:
        return base
    head, _, _ = base.rpartition("/")
    return f"{head}/{database}"


async def _pg_admin(sql: str) -> None:
    import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information

    dsn = PG_URL.replace("postgresql+asyncpg://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _pg_reachable() -> str | None:
    try:
        asyncio.run(_pg_admin("SELECT 1"))
    except Exception as exc:  # any failure means "not reachable"; the reason is shown
        return f"{type(exc).__name__}: {exc}"
    return None


@pytest.fixture(scope="session")
def pg_available() -> bool:
    problem = _pg_reachable()
    if problem is None:
        return True
    if REQUIRE_PG:
        pytest.fail(
            f"PostgreSQL at {PG_URL} is unreachable ({problem}) and ZORG_REQUIRE_POSTGRES=1",
            pytrace=False,
        )
    return False


@pytest.fixture(scope="session")
def worker_tag() -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{worker}_{uuid.uuid4().hex[:8]}"


class TestDatabase:
    """A migrated template database of one backend, from which fresh copies are made."""

    def __init__(self, backend: str, template_url: str, tmp: Path, tag: str) -> None:
        self.backend = backend
        self.template_url = template_url
        self.tmp = tmp
        self.tag = tag
        self._copies: list[str] = []

    def fresh(self) -> str:
        """A new database with the migrated schema and no rows (a copy of the template)."""
        name = f"zt_{self.tag}_{uuid.uuid4().hex[:10]}"
        if self.backend == "sqlite":
            path = self.tmp / f"{name}.db"
            shutil.copyfile(self.template_url.split("///", 1)[1], path)
            return f"sqlite+aiosqlite:///{path}"
        template = self.template_url.rsplit("/", 1)[1]
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        self._copies.append(name)
        return _asyncpg_url(PG_URL, name)

    async def afresh(self) -> str:
        """Async variant of :meth:`fresh`, for use inside a running event loop."""
        name = f"zt_{self.tag}_{uuid.uuid4().hex[:10]}"
        if self.backend == "sqlite":
            path = self.tmp / f"{name}.db"
            shutil.copyfile(self.template_url.split("///", 1)[1], path)
            return f"sqlite+aiosqlite:///{path}"
        template = self.template_url.rsplit("/", 1)[1]
        await _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._copies.append(name)
        return _asyncpg_url(PG_URL, name)

    async def drop(self, url: str) -> None:
        if self.backend == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(url.split("///", 1)[1] + suffix).unlink(missing_ok=True)  # noqa: ASYNC240
            return
        name = url.rsplit("/", 1)[1]
        await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session", params=BACKENDS)
def test_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, worker_tag: str
) -> Iterator[TestDatabase]:
    backend: str = request.param
    tmp = tmp_path_factory.mktemp(f"db_{backend}")
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / 'template.db'}"
        migrate.upgrade(url)
        yield TestDatabase(backend, url, tmp, worker_tag)
        return
    if not request.getfixturevalue("pg_available"):
        pytest.skip(f"PostgreSQL at {PG_URL} is unreachable; set ZORG_REQUIRE_POSTGRES=1 to fail")
    name = f"zt_{worker_tag}_template"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    url = _asyncpg_url(PG_URL, name)
    try:
        migrate.upgrade(url)
        yield TestDatabase(backend, url, tmp, worker_tag)
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def rollback_url(test_database: TestDatabase) -> str:
    """A per-worker database for rolled-back tests."""
    return test_database.fresh()


@pytest.fixture
def backend(test_database: TestDatabase) -> str:
    return test_database.backend


@pytest.fixture
async def db(rollback_url: str) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back at the end (commits become savepoints)."""
    engine = create_engine(rollback_url)
    async with engine.connect() as conn:
        outer = await conn.begin()
        session = AsyncSession(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            if outer.is_active:
                await outer.rollback()
    await engine.dispose()


@pytest.fixture
async def database_url(test_database: TestDatabase) -> AsyncIterator[str]:
    """A fresh, migrated, empty database for tests that commit; removed afterwards."""
    url = await test_database.afresh()
    try:
        yield url
    finally:
        await test_database.drop(url)


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    path = tmp_path / "keys"
    init_keys(path)
    return path


@pytest.fixture
def app_settings(database_url: str, key_dir: Path, tmp_path: Path) -> Settings:
    """Development settings on a fresh database with fresh keys."""
    return Settings(
        env="development",
        data_dir=tmp_path,
        database_url=database_url,
        key_dir=key_dir,
        demo=True,
        scheduler_enabled=False,
    )


@pytest.fixture
async def runtime(app_settings: Settings) -> AsyncIterator[Runtime]:
    """The runtime (engine, keys, clock) on a fresh database, closed afterwards."""
    rt = Runtime.build(app_settings)
    try:
        yield rt
    finally:
        await rt.close()


@pytest.fixture
async def rolled_back(rollback_url: str, key_dir: Path, tmp_path: Path) -> AsyncIterator[Runtime]:
    """A runtime whose every unit of work runs inside one transaction rolled back at the end.

    Commits become savepoints on the per-worker database, so the test sees its own writes and
    leaves nothing behind. For tests of one request at a time; races, crashes, sealing and the
    browser need ``committing``.
    """
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from zorgafstemming.crypto.fields import FieldCipher
    from zorgafstemming.crypto.keyring import provider_for
    from zorgafstemming.runtime import Secrets

    settings = Settings(
        env="development",
        data_dir=tmp_path,
        database_url=rollback_url,
        key_dir=key_dir,
        demo=True,
        scheduler_enabled=False,
    )
    engine = create_engine(rollback_url)
    secrets = Secrets.load(settings)
    async with engine.connect() as conn:
        outer = await conn.begin()
        rt = Runtime(
            settings=settings,
            engine=engine,
            sessions=async_sessionmaker(
                bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
            ),
            secrets=secrets,
            cipher=FieldCipher(provider_for(settings), secrets.index_key),
        )
        try:
            yield rt
        finally:
            if outer.is_active:
                await outer.rollback()
    await engine.dispose()


@pytest.fixture
async def committing(runtime: Runtime) -> Runtime:
    """A runtime whose sessions really commit, on a fresh database dropped afterwards."""
    return runtime


@pytest.fixture
async def client(runtime: Runtime) -> AsyncIterator[AsyncClient]:
    """An async test client on the full app (https base URL: ``__Host-`` cookies need it).

    The app runs in the test's own event loop (httpx's ASGI transport, not Litestar's
    AsyncTestClient, which runs it in a portal thread): tests share ``runtime`` with the app,
    and an asyncpg connection opened in one loop cannot be used from another.
    """
    async with started_app(runtime) as app:
        transport = asgi_transport(app, client=("127.0.0.1", 40000))
        async with AsyncClient(
            transport=transport, base_url="https://testserver.local"
        ) as test_client:
            yield test_client


@pytest.fixture(scope="session")
def soft_token(tmp_path_factory: pytest.TempPathFactory) -> SoftToken:
    """One SoftHSM2 token per test process (skipped without SoftHSM2 unless required)."""
    return make_soft_token(tmp_path_factory.mktemp("softhsm"))
