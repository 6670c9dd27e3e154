"""Run Alembic programmatically: upgrade, current revision, drift check."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from zorgafstemming.db import create_engine
from zorgafstemming.paths import migrations_dir


def alembic_config(url: str) -> Config:
    cfg = Config(stdout=io.StringIO())
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (synchronous; call outside an event loop)."""
    command.upgrade(alembic_config(url), revision)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:

            def _current(sync_conn: Connection) -> str | None:
                return MigrationContext.configure(sync_conn).get_current_revision()

            return await conn.run_sync(_current)
    finally:
        await engine.dispose()


async def drift(url: str) -> list[Any]:
    """Differences between the models and the migrated schema (empty when in step)."""
    from zorgafstemming.models import metadata

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:

            def _compare(sync_conn: Connection) -> list[Any]:
                ctx = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return list(compare_metadata(ctx, metadata))

            return await conn.run_sync(_compare)
    finally:
        await engine.dispose()


def drift_sync(url: str) -> list[Any]:
    return asyncio.run(drift(url))
