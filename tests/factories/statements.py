"""Count what a piece of work sends to the database: statements, commits, rollbacks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event

from zorgafstemming.runtime import Runtime


@dataclass
class Round:
    """What one request sent to the database: its statements and transaction ends."""

    statements: list[str] = field(default_factory=list)
    commits: int = 0
    rollbacks: int = 0


@contextmanager
def counting(runtime: Runtime) -> Iterator[Round]:
    """Count the statements, commits and rollbacks on the runtime's engine while inside."""
    seen = Round()
    engine = runtime.engine.sync_engine

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if not statement.lstrip().upper().startswith("BEGIN"):
            seen.statements.append(statement)

    def on_commit(_conn: Any) -> None:
        seen.commits += 1

    def on_rollback(_conn: Any) -> None:
        seen.rollbacks += 1

    event.listen(engine, "before_cursor_execute", on_execute)
    event.listen(engine, "commit", on_commit)
    event.listen(engine, "rollback", on_rollback)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
        event.remove(engine, "commit", on_commit)
        event.remove(engine, "rollback", on_rollback)
