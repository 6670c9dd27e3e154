"""Import directions of the service: no cycles, layers point inward, one way to write audit events.

A short script over ``ast``: every module of ``src/zorgafstemming`` is read and every import in it
counted, at module level and inside functions alike (an import inside a function is a dependency
all the same); imports under ``if TYPE_CHECKING:`` never run and are left out. Each test lists
every violation it finds at once.
"""

from __future__ import annotations

import ast
import fnmatch
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# The layers, outermost first; a module may import modules of its own layer and of any layer
# below it, never above. Names are module paths below ``zorgafstemming`` ("audit.api", "runtime";
# "__init__" is the top package), matched with fnmatch. Exact names are tried first, then the
# patterns in the order written here, so an edge pattern ("*.api") wins over its package's.
LAYERS: dict[str, tuple[str, ...]] = {
    # The application and the process entry points: `app` wires every route; the root `cli`
    # wires every command and builds the app for `serve`, so it stands next to `app`.
    # `apidocs.document` builds the app to read its OpenAPI document; `python -m
    # zorgafstemming.apidocs` renders the reference page from it.
    "app": ("app", "cli", "__main__", "apidocs.document", "apidocs.__main__"),
    # The edge: HTTP controllers, web pages, the guard, request authentication, the package
    # commands and what they share, the middleware, health probes and the HTTP error mapping.
    "edge": (
        "*.api",
        "*_api",
        "*.cli",
        "web",
        "web.*",
        "authz.guard",
        "identity.auth",
        "middleware",
        "request_bodies",
        "health",
        "errors",
        "input_errors",
        "api_document",
        "api_examples",
        "api_problems",
        "problem_pages",
        "commands",
        "apidocs.routes",
        "metrics",
    ),
    # Domain services; a domain may use another domain's non-edge modules. `models` (every table),
    # `migrate` (which compares them with the migrations) and `demo` see all domains.
    "domain": (
        "accessreview",
        "accessreview.*",
        "coordination",
        "coordination.*",
        "identity",
        "identity.*",
        "mail",
        "mail.*",
        "retention",
        "retention.*",
        "rights",
        "rights.*",
        "models",
        "migrate",
        "demo",
    ),
    # The audit trail: records events, seals and exports them.
    "audit": ("audit", "audit.*"),
    # What a process runs with: the runtime builds the Cedar engine and the field cipher from the
    # settings and key files, and preflight checks settings and key files together; both sit
    # right above authz and crypto, and everything the base may serve may still use them.
    # `background` runs a loop of the server process with that runtime.
    "runtime": ("runtime", "preflight", "background"),
    # Authorisation (the Cedar engine, the actions) and cryptography (keys, fields, rotation).
    "authz_crypto": ("authz", "authz.*", "crypto", "crypto.*"),
    # The base: settings, database helpers, domain errors, logging, paths, crash points, input
    # ranges, and the Principal value type that authz and audit use (the one identity module
    # audit may import).
    "base": (
        "__init__",
        "apidocs",
        "apidocs.page",
        "config",
        "db",
        "problems",
        "logging",
        "paths",
        "faults",
        "paging",
        "dutch",
        "bounds",
        "counters",
        "identity.principal",
    ),
}

# The layers whose modules may import Litestar.
WEB_FRAMEWORK_LAYERS = ("app", "edge")
# The only modules that may import `web` (besides `web` itself).
WEB_IMPORTERS = ("app",)
# The package that alone writes audit events, and its one public entry.
AUDIT_PACKAGE = "audit"
AUDIT_SERVICE = "audit.service"
AUDIT_MODELS = "audit.models"
AUDIT_TABLE_CLASS = "AuditEvent"

SRC = Path(__file__).resolve().parents[2] / "src" / "zorgafstemming"
TOP = "zorgafstemming"


@dataclass
class Import:
    """One import statement's target inside the service (or a third-party module)."""

    target: str  # module path below the top package, or the full name of a third-party module
    names: tuple[str, ...]  # names taken with ``from … import``; empty for ``import x``
    # Local name → what it stands for ("audit.service", "audit.service.append").
    aliases: dict[str, str]
    line: int
    internal: bool


@dataclass
class Module:
    """A module of the service with its imports and its syntax tree."""

    name: str
    path: Path
    tree: ast.Module
    imports: list[Import] = field(default_factory=list)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts else "__init__"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node`` except the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield child
        yield from _runtime_nodes(child)


def _relative(full: str) -> str | None:
    if full == TOP:
        return "__init__"
    if full.startswith(TOP + "."):
        return full[len(TOP) + 1 :]
    return None


_TOP_NAME = "<top>"


def _imports(module: Module, known: set[str]) -> list[Import]:
    """Every import of ``module`` that runs, resolved to the modules of the service it names."""
    found: list[Import] = []
    package = module.name if module.path.name == "__init__.py" else module.name.rpartition(".")[0]
    for node in _runtime_nodes(module.tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                rel = _relative(alias.name)
                local = alias.asname or alias.name.partition(".")[0]
                target = rel if rel is not None else alias.name
                # ``import zorgafstemming.audit.service`` binds the top package's name.
                bound = {local: target if alias.asname else _TOP_NAME} if rel is not None else {}
                found.append(Import(target, (), bound, node.lineno, rel is not None))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package and package != "__init__" else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                full = ".".join([TOP, *base, *([node.module] if node.module else [])])
            else:
                full = node.module or ""
            rel = _relative(full)
            if rel is None:
                found.append(
                    Import(full, tuple(a.name for a in node.names), {}, node.lineno, False)
                )
                continue
            prefix = "" if rel == "__init__" else rel + "."
            plain: list[str] = []
            aliases: dict[str, str] = {}
            for alias in node.names:
                local = alias.asname or alias.name
                if prefix + alias.name in known:  # ``from package import module``
                    found.append(
                        Import(
                            prefix + alias.name,
                            (),
                            {local: prefix + alias.name},
                            node.lineno,
                            True,
                        )
                    )
                else:
                    plain.append(alias.name)
                    aliases[local] = f"{rel}.{alias.name}"
            if plain:
                found.append(Import(rel, tuple(plain), aliases, node.lineno, True))
    return found


def _load() -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for path in sorted(SRC.rglob("*.py")):
        name = _module_name(path)
        modules[name] = Module(name, path, ast.parse(path.read_text(), str(path)))
    known = set(modules)
    for module in modules.values():
        module.imports = _imports(module, known)
    return modules


MODULES = _load()


def _layer(name: str) -> str | None:
    for layer, patterns in LAYERS.items():
        if name in patterns:
            return layer
    for layer, patterns in LAYERS.items():
        if any(fnmatch.fnmatchcase(name, p) for p in patterns if any(c in p for c in "*?[")):
            return layer
    return None


RANK = {layer: len(LAYERS) - i for i, layer in enumerate(LAYERS)}


def _graph() -> dict[str, dict[str, int]]:
    """Module → {imported module: first line}, inside the service only."""
    graph: dict[str, dict[str, int]] = {name: {} for name in MODULES}
    for module in MODULES.values():
        for imp in module.imports:
            if imp.internal and imp.target in MODULES and imp.target != module.name:
                graph[module.name].setdefault(imp.target, imp.line)
    return graph


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)

    # For each module of a group, a shortest way back to it (breadth first), so every module of
    # a group is named on a cycle; the same cycle found from another of its modules counts once.
    cycles: list[list[str]] = []
    for group in groups:
        members = set(group)
        for start in group:
            paths = {nxt: [start, nxt] for nxt in sorted(graph[start]) if nxt in members}
            queue = list(paths)
            while queue and start not in paths:
                here = queue.pop(0)
                for nxt in sorted(graph[here]):
                    if nxt in members and nxt not in paths:
                        paths[nxt] = [*paths[here], nxt]
                        queue.append(nxt)
            ring = paths[start][:-1]
            first = ring.index(min(ring))
            cycle = [*ring[first:], *ring[:first], min(ring)]
            if cycle not in cycles:
                cycles.append(cycle)
    return cycles


def _report(title: str, violations: list[str]) -> None:
    if violations:
        pytest.fail(f"{title} ({len(violations)}):\n  " + "\n  ".join(violations), pytrace=False)


def test_every_module_has_a_layer() -> None:
    _report(
        "modules in no layer of LAYERS (add each where it belongs)",
        [name for name in sorted(MODULES) if _layer(name) is None],
    )


def test_the_cycle_finder_names_each_cycle() -> None:
    graph = {"a": {"b": 1}, "b": {"c": 2}, "c": {"a": 3}, "d": {"a": 4}, "e": {"e": 5}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]  # a self-import is not counted: none exist
    assert _cycles({"a": {"b": 1}, "b": {}}) == []


def test_no_import_cycles() -> None:
    graph = _graph()
    _report(
        "import cycles",
        [
            " -> ".join(f"{a} (line {graph[a][b]})" for a, b in itertools.pairwise(cycle))
            + f" -> {cycle[-1]}"
            for cycle in _cycles(graph)
        ],
    )


def test_imports_point_inward() -> None:
    violations: list[str] = []
    for name, targets in _graph().items():
        layer = _layer(name)
        for target, line in sorted(targets.items()):
            target_layer = _layer(target)
            if layer is None or target_layer is None:
                continue  # reported by test_every_module_has_a_layer
            if RANK[target_layer] > RANK[layer]:
                violations.append(
                    f"{name} ({layer}) imports {target} ({target_layer}) at line {line}"
                )
            top_package = target.partition(".")[0]
            if (
                top_package == "web"
                and name.partition(".")[0] != "web"
                and name not in WEB_IMPORTERS
            ):
                violations.append(f"{name} imports {target} at line {line}: only app imports web")
    _report("imports against the allowed directions", violations)


def _in_audit(name: str) -> bool:
    return name == AUDIT_PACKAGE or name.startswith(AUDIT_PACKAGE + ".")


_AUDIT_INSERT_SQL = re.compile(r"insert\s+into\s+\"?audit_events\b", re.IGNORECASE)


def _called_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _audit_writes(module: Module) -> list[str]:
    """Where ``module`` writes audit events other than through ``audit.service.record``."""
    append = f"{AUDIT_SERVICE}.append"
    event = f"{AUDIT_MODELS}.{AUDIT_TABLE_CLASS}"
    bound: dict[str, str] = {}
    found: list[str] = []
    for imp in module.imports:
        bound.update(imp.aliases)
        if imp.target == AUDIT_SERVICE and "append" in imp.names:
            found.append(f"line {imp.line}: imports {append}")

    def meaning(node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            return bound.get(node.id)
        if isinstance(node, ast.Attribute):
            inner = meaning(node.value)
            if inner == _TOP_NAME:
                return node.attr
            return f"{inner}.{node.attr}" if inner else None
        return None

    for node in _runtime_nodes(module.tree):
        if isinstance(node, ast.Call):
            func = meaning(node.func)
            if func == append:
                found.append(f"line {node.lineno}: calls {append}")
            elif func == event:
                found.append(f"line {node.lineno}: builds an {AUDIT_TABLE_CLASS} row")
            elif _called_name(node) == "insert" and (
                any(meaning(arg) in (event, f"{event}.__table__") for arg in node.args)
                or (
                    isinstance(node.func, ast.Attribute)
                    and meaning(node.func.value) == f"{event}.__table__"
                )
            ):
                # insert(AuditEvent), insert(AuditEvent.__table__), AuditEvent.__table__.insert()
                found.append(f"line {node.lineno}: inserts into {AUDIT_TABLE_CLASS}")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _AUDIT_INSERT_SQL.search(node.value)
        ):
            found.append(f"line {node.lineno}: inserts into audit_events in SQL")
    return found


def test_the_audit_write_finder_sees_each_way_in() -> None:
    source = (
        "from sqlalchemy import insert\n"
        "from zorgafstemming.audit import service as audit_service\n"
        "from zorgafstemming.audit.models import AuditEvent\n"
        "import zorgafstemming.audit.service\n"
        "async def f(session, items):\n"
        "    items.append(1)\n"
        "    await audit_service.record(session)\n"
        "    await audit_service.append(session)\n"
        "    await zorgafstemming.audit.service.append(session)\n"
        "    session.add(AuditEvent())\n"
        "    await session.execute(insert(AuditEvent))\n"
        "    await session.execute(AuditEvent.__table__.insert())\n"
        "    await session.execute('INSERT INTO audit_events VALUES (1)')\n"
    )
    probe = Module("probe", SRC / "probe.py", ast.parse(source))
    probe.imports = _imports(probe, set(MODULES))
    assert [where.partition(": ")[2] for where in _audit_writes(probe)] == [
        "calls audit.service.append",
        "calls audit.service.append",
        "builds an AuditEvent row",
        "inserts into AuditEvent",
        "inserts into AuditEvent",
        "inserts into audit_events in SQL",
    ]


def test_only_audit_writes_audit_events_and_record_is_the_entry() -> None:
    violations: list[str] = []
    for name, module in sorted(MODULES.items()):
        if not _in_audit(name):
            violations.extend(f"{name} {where}" for where in _audit_writes(module))
    _report("audit events written outside audit.service.record", violations)


def test_only_the_edge_imports_litestar() -> None:
    violations: list[str] = []
    for name, module in sorted(MODULES.items()):
        if _layer(name) in WEB_FRAMEWORK_LAYERS:
            continue
        for imp in module.imports:
            if not imp.internal and (
                imp.target == "litestar" or imp.target.startswith("litestar.")
            ):
                violations.append(f"{name} imports {imp.target} at line {imp.line}")
    _report("Litestar imported outside the edge", violations)
