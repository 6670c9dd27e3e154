"""A broken audit store, for the tests that check that the service then fails closed."""

from __future__ import annotations

from sqlalchemy import text

from zorgafstemming.db import create_engine
from zorgafstemming.runtime import Runtime


async def run_sql(runtime: Runtime, *statements: str) -> None:
    """Run ``statements`` in one transaction, on an engine of its own."""
    # A separate engine: the app under test runs its own event loop and owns runtime.engine.
    engine = create_engine(runtime.settings.effective_database_url)
    try:
        async with engine.begin() as conn:
            for statement in statements:
                await conn.execute(text(statement))
    finally:
        await engine.dispose()


async def break_audit_inserts(runtime: Runtime) -> None:
    """A test-only trigger that makes every audit insert fail, as a broken disk would."""
    if runtime.engine.dialect.name == "sqlite":
        await run_sql(
            runtime,
            "CREATE TRIGGER test_audit_broken BEFORE INSERT ON audit_events "
            "BEGIN SELECT RAISE(ABORT, 'audit storage broken'); END",
        )
    else:
        await run_sql(
            runtime,
            "CREATE FUNCTION test_audit_broken() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit storage broken'; END $$",
            "CREATE TRIGGER test_audit_broken BEFORE INSERT ON audit_events "
            "FOR EACH ROW EXECUTE FUNCTION test_audit_broken()",
        )
