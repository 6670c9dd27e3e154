"""Find, count and delete every row that points (directly or through other rows) to a root row.

Walks the foreign keys declared in the models' metadata, so a table another package adds with a
foreign key to a file (or to a member, an entry, ...) is purged and checked without anyone
remembering to list it here.

The walk is done once per root table and database (:func:`graph`): each of its steps is one
prebuilt statement whose rows are chosen by subqueries back to the batch of roots, which travels
as one parameter. A batch costs one statement per table whatever its size, and the keys of the
rows in between never travel to Python and back. Each deletion returns, per row deleted, the root
it descends from (counted per root and table) and the keys its children referred to (for the
proof of deletion, :func:`remaining`).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.types import NullType

from zorgafstemming.db import among
from zorgafstemming.models import metadata

__all__ = ["among", "bind_list", "delete_rows", "graph", "referencing", "remaining"]

ROOTS = "roots"
MAX_DEPTH = 16

# An expression built for a table or an alias of it (each subquery takes aliases of its own, so
# that a table met twice on a path is never correlated by mistake).
Build = Callable[[Any], Any]


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


def _dialect(session: AsyncSession) -> Dialect:
    assert session.bind is not None
    return session.bind.dialect


def _list_param(dialect_name: str, name: str, column: Column[Any]) -> BindParameter[Any]:
    if dialect_name == "postgresql":
        return bindparam(name, type_=ARRAY(column.type))
    return bindparam(name, type_=String)


def _in_list(dialect_name: str, column: Any, param: BindParameter[Any]) -> Any:
    """``column IN`` the values bound to ``param`` (see :func:`among`)."""
    if dialect_name == "postgresql":
        return column == any_(param)
    return column.in_(select(literal_column("value")).select_from(func.json_each(param)))


def bind_list(dialect: Dialect, column: Column[Any], values: Sequence[Any]) -> Any:
    """The value of a list parameter for ``values`` of ``column`` (see :func:`among`)."""
    if dialect.name == "postgresql":
        return list(values)
    process = column.type.bind_processor(dialect)
    return json.dumps([process(v) if process is not None else v for v in values])


@dataclass(frozen=True)
class Step:
    """Delete the rows of ``table`` whose ``column`` refers to a row deleted by the step
    ``parent`` (through its column ``referred``) — or, for a foreign key declared ``ON DELETE SET
    NULL``, clear that column and keep the row (``nullify``). The root step (no parent) deletes
    the rows whose ``column`` is one of the roots; so do steps whose ``referred`` is the roots'
    column. ``returned``: the columns of this table that its children refer to."""

    table: Table
    column: Column[Any]
    statement: Any
    parent: int | None
    referred: Column[Any] | None
    nullify: bool
    returned: tuple[str, ...]
    by_roots: bool  # ``column`` is matched against the roots themselves

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column.name}" if self.nullify else self.table.name


@dataclass(frozen=True)
class Graph:
    """The deletions, children first, that remove the rows of ``table`` whose ``column`` is one
    of the roots and every row pointing to them (built once per root table and dialect)."""

    table: Table
    column: Column[Any]
    steps: tuple[Step, ...]
    proof: Any  # one statement counting what each step would still find (see remaining)


@dataclass
class Deleted:
    """What a graph's deletion did: the rows deleted per root and table (a row reached twice is
    deleted, and counted, once), and per step and column the keys its rows held (as stored)."""

    roots: list[Any]
    counts: dict[Any, dict[str, int]] = field(default_factory=dict)
    keys: dict[tuple[int, str], list[Any]] = field(default_factory=dict)


@dataclass
class _Node:
    table: Table
    column: Column[Any]
    where: Build  # the node's rows, for the table or an alias of it
    root: Build  # a row's root key, correlated to the table or alias given
    by_roots: bool
    referred: Column[Any] | None = None
    nullify: bool = False
    children: list[_Node] = field(default_factory=list)


def _child_node(
    dialect_name: str,
    parent: _Node,
    child: Table,
    child_column: Column[Any],
    referred: Column[Any],
    set_null: bool,
) -> _Node:
    name = child_column.name
    if parent.by_roots and referred is parent.column:
        roots = _list_param(dialect_name, ROOTS, parent.column)
        return _Node(
            child,
            child_column,
            where=lambda t: _in_list(dialect_name, t.c[name], roots),
            root=lambda t: t.c[name],
            by_roots=True,
            referred=referred,
            nullify=set_null,
        )

    def where(t: Any) -> Any:
        above = parent.table.alias()
        return t.c[name].in_(select(above.c[referred.name]).where(parent.where(above)))

    def root(t: Any) -> Any:
        above = parent.table.alias()
        return (
            select(parent.root(above))
            .where(above.c[referred.name] == t.c[name])
            .correlate_except(above)
            .limit(1)
            .scalar_subquery()
        )

    return _Node(child, child_column, where, root, False, referred, set_null)


def _expand(dialect_name: str, node: _Node, depth: int) -> None:
    if depth > MAX_DEPTH:  # a cycle in the schema would be a design error; stop rather than loop
        raise RuntimeError(f"foreign-key chain below {node.table.name} is deeper than 16")
    for child, child_column, referred, set_null in referencing(node.table):
        sub = _child_node(dialect_name, node, child, child_column, referred, set_null)
        node.children.append(sub)
        if not set_null:
            _expand(dialect_name, sub, depth + 1)


def _flatten(node: _Node, steps: list[Step], parent_of: dict[int, int]) -> int:
    """Append the node's steps, children first; the index of its own step."""
    children: list[tuple[_Node, int]] = []
    for sub in node.children:
        if sub.nullify:
            children.append((sub, len(steps)))
            steps.append(_step(sub, ()))  # parent index patched below
        else:
            children.append((sub, _flatten(sub, steps, parent_of)))
    returned = tuple(
        dict.fromkeys(
            sub.referred.name
            for sub, _ in children
            if sub.referred is not None and not (node.by_roots and sub.by_roots)
        )
    )
    own = len(steps)
    steps.append(_step(node, returned))
    for _, index in children:
        parent_of[index] = own
    return own


def _raw(expression: Any) -> Any:
    """``expression`` as the database stores it: no conversion of each value returned (a
    batch's deletions return tens of thousands), and bound back as it came."""
    return type_coerce(expression, NullType())


def _step(node: _Node, returned: tuple[str, ...]) -> Step:
    t = node.table
    if node.nullify:
        statement: Any = update(t).where(node.where(t)).values({node.column.name: None})
    else:
        statement = (
            delete(t)
            .where(node.where(t))
            .returning(*(_raw(e) for e in (node.root(t), *(t.c[c] for c in returned))))
        )
    return Step(
        t, node.column, statement, None, node.referred, node.nullify, returned, node.by_roots
    )


@functools.cache
def _graph(table: Table, column_name: str, dialect_name: str) -> Graph:
    column = table.c[column_name]
    roots = _list_param(dialect_name, ROOTS, column)
    top = _Node(
        table,
        column,
        where=lambda t: _in_list(dialect_name, t.c[column_name], roots),
        root=lambda t: t.c[column_name],
        by_roots=True,
    )
    _expand(dialect_name, top, 0)
    steps: list[Step] = []
    parent_of: dict[int, int] = {}
    _flatten(top, steps, parent_of)
    steps = [
        Step(
            s.table,
            s.column,
            s.statement,
            parent_of.get(i),
            s.referred,
            s.nullify,
            s.returned,
            s.by_roots,
        )
        for i, s in enumerate(steps)
    ]
    return Graph(table, column, tuple(steps), _proof_statement(column, steps, dialect_name))


def graph(session: AsyncSession, table: Table, column: Column[Any]) -> Graph:
    """The deletions below ``table.column`` for the session's database (built once)."""
    return _graph(table, column.name, _dialect(session).name)


async def delete_rows(
    session: AsyncSession,
    rows: Graph,
    roots: Sequence[Any],
    root_of: Mapping[Any, Any] | None = None,
) -> Deleted:
    """Run the graph's deletions for ``roots``, in order, one statement per step; the rows
    deleted per root (``root_of`` maps a root to the key it is counted under) and table."""
    dialect = _dialect(session)
    params = {ROOTS: bind_list(dialect, rows.column, roots)}
    process = rows.column.type.result_processor(dialect, None)
    connection = await session.connection()
    done = Deleted(list(roots))
    for index, step in enumerate(rows.steps):
        result = await connection.execute(step.statement, params)
        if step.nullify:
            continue  # links cleared are not rows purged
        found = result.all()
        per_root = Counter(row[0] for row in found)
        for raw, n in per_root.items():
            key = process(raw) if process is not None else raw
            if root_of is not None:
                key = root_of[key]
            per_table = done.counts.setdefault(key, {})
            per_table[step.table.name] = per_table.get(step.table.name, 0) + n
        for position, name in enumerate(step.returned, start=1):
            done.keys[(index, name)] = [row[position] for row in found]
    return done


def _source(step: Step) -> str:
    """The name of the list parameter a step's proof matches against."""
    if step.by_roots:
        return ROOTS
    assert step.referred is not None
    return f"k{step.parent}_{step.referred.name}"


def _proof_statement(column: Column[Any], steps: Sequence[Step], dialect_name: str) -> Any:
    """One statement of counts, one per step (see :func:`remaining`)."""
    params: dict[str, BindParameter[Any]] = {}
    counts: list[Any] = []
    for step in steps:
        name = _source(step)
        if name not in params:
            typed = column if step.by_roots else step.referred
            assert typed is not None
            params[name] = _list_param(dialect_name, name, typed)
        counts.append(
            select(func.count())
            .select_from(step.table)
            .where(_in_list(dialect_name, step.table.c[step.column.name], params[name]))
            .scalar_subquery()
        )
    return select(*counts)


async def remaining(session: AsyncSession, rows: Graph, deleted: Deleted) -> dict[str, int]:
    """Re-read: how many rows each deletion would still find among the keys it was given (all
    zero after a purge). One prebuilt statement of scalar subqueries, each list of keys bound
    once: the proof costs one round trip."""
    dialect = _dialect(session)
    params: dict[str, Any] = {}
    for step in rows.steps:
        name = _source(step)
        if name in params:
            continue
        if step.by_roots:
            params[name] = bind_list(dialect, rows.column, deleted.roots)
        else:
            assert step.parent is not None and step.referred is not None
            raw = deleted.keys.get((step.parent, step.referred.name), [])
            params[name] = raw if dialect.name == "postgresql" else json.dumps(raw)
    found: dict[str, int] = {}
    row = (await (await session.connection()).execute(rows.proof, params)).one()
    for name, value in zip((step.name for step in rows.steps), row, strict=True):
        found[name] = found.get(name, 0) + int(value or 0)
    return found
