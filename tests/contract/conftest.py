"""The API contract: schemathesis against the real app on a live server, as every role.

One live server per backend (SQLite always; PostgreSQL when reachable, always in CI), on a
fresh migrated database with a family's file, its lead and partner workers, a linked family
account, a DPO and an admin. Each role signs in with its own bearer token.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from _pytest import nodes

from tests.conftest import PG_URL, REQUIRE_PG, _asyncpg_url, _pg_admin, _pg_reachable
from tests.factories import TestAccount, create_account
from tests.factories.access_review import seed_reviews_for_paging
from tests.factories.accounts import bearer_token
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming import migrate
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

T = TypeVar("T")

# schemathesis' pytest plugin renames the running item to "<id>[METHOD /path]" through the
# private ``Node._nodeid``, which pytest 9.2 no longer has; reading gives the id, renaming is a
# no-op (reports then name the operation in the failure text instead of the item id).
if not hasattr(nodes.Node, "_nodeid"):
    nodes.Node._nodeid = property(  # type: ignore[attr-defined]
        lambda self: self.nodeid, lambda self, value: None
    )


def _off_loop(fn: Callable[[], T]) -> T:
    """Run ``fn`` in a thread of its own (``asyncio.run`` needs a thread without a loop)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


@dataclass
class ContractWorld:
    """The live server and a bearer token per role."""

    backend: str
    server: LiveServer
    tokens: dict[str, str]
    accounts: dict[str, TestAccount]

    def fresh_token(self, role: str) -> str:
        """A new token of ``role`` (for the sign-out operation, which revokes the one it gets)."""
        account = self.accounts[role]

        async def make(runtime: Runtime) -> str:
            return await bearer_token(runtime, account)

        return self.server.run(make)


def _database(backend: str, tmp: Path) -> Iterator[str]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / 'contract.db'}"
        _off_loop(lambda: migrate.upgrade(url))
        yield url
        return
    problem = _off_loop(_pg_reachable)
    if problem is not None:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL at {PG_URL} is unreachable ({problem})", pytrace=False)
        pytest.skip(f"PostgreSQL unreachable: {problem}")
    name = f"zt_contract_{uuid.uuid4().hex[:12]}"
    _off_loop(lambda: asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"')))
    url = _asyncpg_url(PG_URL, name)
    try:
        _off_loop(lambda: migrate.upgrade(url))
        yield url
    finally:
        _off_loop(lambda: asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL run of the contract suite is the smaller one: only its listed roles."""
    from tests.contract.test_openapi_contract import POSTGRESQL_ROLES, ROLES

    left_out = {f"postgresql-{role}" for role in ROLES if role not in POSTGRESQL_ROLES}
    keep = [item for item in items if not any(f"[{name}]" in item.nodeid for name in left_out)]
    dropped = [item for item in items if item not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def _signed_in(
    accounts: dict[str, TestAccount],
) -> Callable[[Runtime], Coroutine[Any, Any, dict[str, str]]]:
    async def sign_in(runtime: Runtime) -> dict[str, str]:
        return {role: await bearer_token(runtime, a) for role, a in accounts.items()}

    return sign_in


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def contract_world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ContractWorld]:
    """A live server on ``backend`` with a family's file and one signed-in account per role."""
    backend = str(request.param)
    tmp = tmp_path_factory.mktemp(f"contract_{backend}")
    for url in _database(backend, tmp):
        init_keys(tmp / "keys")
        settings = Settings(
            env="development",
            data_dir=tmp,
            database_url=url,
            key_dir=tmp / "keys",
            demo=False,
            scheduler_enabled=False,
            log_level="CRITICAL",
        )
        server = LiveServer(settings)
        server.start()
        try:
            family = seed_family_file(server)
            # Samples, items and signals, so the DPO's access-review lists answer with bodies.
            server.run(partial(seed_reviews_for_paging, readers=(family.lead, family.partner)))

            async def staff(runtime: Runtime) -> dict[str, TestAccount]:
                return {
                    "dpo": await create_account(runtime, Role.DPO),
                    "admin": await create_account(runtime, Role.ADMIN),
                }

            accounts = {
                "social_worker": family.lead,
                "family": family.parent,
                **server.run(staff),
            }

            yield ContractWorld(backend, server, server.run(_signed_in(accounts)), accounts)
        finally:
            server.stop()
