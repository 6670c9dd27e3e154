"""The access matrix file (tests/access_matrix.toml): every route's expected status per caller."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

MATRIX_FILE = Path(__file__).resolve().parents[1] / "access_matrix.toml"
# A Litestar path parameter (``{file_id:uuid}``); the OpenAPI document writes it ``{file_id}``.
PARAM = re.compile(r"\{([^}:]+)(?::[^}]+)?\}")
# Statuses that refuse a caller before the handler runs: no session, or a role without the action.
GUARD_REFUSALS = {401, 403}


def load_matrix() -> list[dict[str, Any]]:
    with MATRIX_FILE.open("rb") as fh:
        routes: list[dict[str, Any]] = tomllib.load(fh)["route"]
    return routes


def expected(entry: dict[str, Any], caller: str, kind: str) -> int | None:
    """The status the matrix expects, or None when the combination does not apply."""
    value = entry.get(caller, entry.get("others"))
    if isinstance(value, dict):
        status = value.get(kind)
        return int(status) if status is not None else None
    return int(value) if value is not None else None


def reachable_operations(caller: str) -> set[tuple[str, str]]:
    """(method, OpenAPI path) of every route the matrix lets ``caller`` past the guard on: some
    object kind answers other than 401 or 403. The matrix itself proves the refusals of the rest."""
    found: set[tuple[str, str]] = set()
    for entry in load_matrix():
        value = entry.get(caller, entry.get("others"))
        statuses = value.values() if isinstance(value, dict) else [value]
        if any(status is not None and int(status) not in GUARD_REFUSALS for status in statuses):
            found.add((entry["method"], PARAM.sub(r"{\1}", entry["path"])))
    return found
