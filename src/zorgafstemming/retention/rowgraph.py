"""Find, count and delete every row that points (directly or through other rows) to a root row.

Walks the foreign keys declared in the models' metadata, so a table another package adds with a
foreign key to a file (or to a member, an entry, ...) is purged and checked without anyone
remembering to list it here.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    String,
    Table,
    any_,
    bindparam,
    delete,
    func,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import QueryableAttribute

from zorgafstemming.models import metadata


@dataclass(frozen=True)
class Step:
    """Delete the rows of ``table`` whose ``column`` is one of ``values`` — or, for a foreign key
    declared ``ON DELETE SET NULL``, clear that column and keep the row (``nullify``).

    ``roots`` runs parallel to ``values``: the root key each value descends from, so the rows of
    a batch can be counted per root (per purged file) in one statement per table."""

    table: Table
    column: Column[Any]
    values: tuple[Any, ...]
    nullify: bool = False
    roots: tuple[Any, ...] = ()


@functools.cache
def referencing(table: Table) -> list[tuple[Table, Column[Any], Column[Any], bool]]:
    """Every (child table, child column, referred column, set-null) foreign key into ``table``.

    Cached: the metadata is complete once the models are imported and never changes after."""
    found: list[tuple[Table, Column[Any], Column[Any], bool]] = []
    for child in metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is table and child is not table:
                set_null = (fk.ondelete or "").upper() == "SET NULL"
                found.append((child, fk.parent, fk.column, set_null))
    return found


def _is_postgresql(session: AsyncSession) -> bool:
    return session.bind is not None and session.bind.dialect.name == "postgresql"


def _chunks(session: AsyncSession, values: Sequence[Any]) -> list[Sequence[Any]]:
    # The values travel as one parameter (see among): there is no parameter limit to stay under.
    size = len(values) or 1
    return [values[i : i + size] for i in range(0, len(values), size)]


def among(
    session: AsyncSession, column: Column[Any] | QueryableAttribute[Any], values: Sequence[Any]
) -> Any:
    """``column IN values`` with the values as one parameter — ``= ANY(:array)`` on PostgreSQL,
    ``IN (SELECT value FROM json_each(:json))`` on SQLite — so that a batch's statement text
    (compiled and prepared once) does not change with its size, and no parameter limit applies."""
    if _is_postgresql(session):
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    assert session.bind is not None
    process = column.type.bind_processor(session.bind.dialect)
    stored = [process(v) if process is not None else v for v in values]
    listed = func.json_each(bindparam(None, json.dumps(stored), type_=String))
    return column.in_(select(literal_column("value")).select_from(listed))


async def _pairs(
    session: AsyncSession,
    table: Table,
    wanted: Column[Any],
    column: Column[Any],
    keys: Sequence[Any],
) -> list[tuple[Any, Any]]:
    """(wanted, column) of the rows of ``table`` whose ``column`` is in ``keys``."""
    out: list[tuple[Any, Any]] = []
    for part in _chunks(session, keys):
        out.extend(
            await session.execute(select(wanted, column).where(among(session, column, part)))
        )
    return out


async def plan(
    session: AsyncSession,
    table: Table,
    column: Column[Any],
    keys: Sequence[Any],
    roots: Sequence[Any] | None = None,
) -> list[Step]:
    """The deletions, children first, that remove the rows ``table.column IN keys`` and every row
    pointing to them (``roots``: the root of each key, default the key itself)."""
    steps: list[Step] = []
    root_of = dict(zip(keys, roots if roots is not None else keys, strict=True))
    await _plan_into(session, table, column, tuple(keys), root_of, steps, depth=0)
    return steps


async def _plan_into(
    session: AsyncSession,
    table: Table,
    column: Column[Any],
    keys: tuple[Any, ...],
    root_of: dict[Any, Any],
    steps: list[Step],
    depth: int,
) -> None:
    if depth > 16:  # a cycle in the schema would be a design error; stop rather than loop
        raise RuntimeError(f"foreign-key chain below {table.name} is deeper than 16")
    if not keys:
        return
    for child, child_column, referred, set_null in referencing(table):
        if referred is column:
            referred_root = root_of
        else:
            pairs = await _pairs(session, table, referred, column, keys)
            referred_root = {value: root_of[key] for value, key in pairs}
        referred_keys = tuple(referred_root)
        if not referred_keys:
            continue
        roots = tuple(referred_root[k] for k in referred_keys)
        if set_null:
            # The row belongs to something else (a staff member's entry, say); only the link goes.
            steps.append(Step(child, child_column, referred_keys, nullify=True, roots=roots))
            continue
        if referencing(child):
            pk = next(iter(child.primary_key.columns))
            pairs = await _pairs(session, child, pk, child_column, referred_keys)
            child_root = {value: referred_root[key] for value, key in pairs}
            await _plan_into(session, child, pk, tuple(child_root), child_root, steps, depth + 1)
        steps.append(Step(child, child_column, referred_keys, roots=roots))
    steps.append(Step(table, column, keys, roots=tuple(root_of[k] for k in keys)))


async def execute(session: AsyncSession, steps: Sequence[Step]) -> dict[Any, dict[str, int]]:
    """Run the deletions in order, a statement per step (and 500 values); the rows deleted per
    root and table (a row reached twice is deleted, and counted, once)."""
    counts: dict[Any, dict[str, int]] = {}
    for step in steps:
        root_of = dict(zip(step.values, step.roots or step.values, strict=True))
        for part in _chunks(session, step.values):
            if step.nullify:
                # Links cleared are not rows purged.
                await session.execute(
                    update(step.table)
                    .where(among(session, step.column, part))
                    .values({step.column.name: None})
                )
                continue
            deleted = await session.scalars(
                delete(step.table).where(among(session, step.column, part)).returning(step.column)
            )
            for value in deleted:
                per_table = counts.setdefault(root_of[value], {})
                per_table[step.table.name] = per_table.get(step.table.name, 0) + 1
    return counts


async def remaining(session: AsyncSession, steps: Sequence[Step]) -> dict[str, int]:
    """Re-read: how many rows each planned deletion would still find (all zero after a purge).

    One statement of scalar subqueries, so the proof costs one round trip, not one per table."""
    names: list[str] = []
    counts: list[Any] = []
    for step in steps:
        name = f"{step.table.name}.{step.column.name}" if step.nullify else step.table.name
        for part in _chunks(session, step.values):
            names.append(name)
            counts.append(
                select(func.count())
                .select_from(step.table)
                .where(among(session, step.column, part))
                .scalar_subquery()
            )
    found: dict[str, int] = {}
    if not counts:
        return found
    row = (await session.execute(select(*counts))).one()
    for name, value in zip(names, row, strict=True):
        found[name] = found.get(name, 0) + int(value or 0)
    return found
