"""Where the project's non-Python resources live (policies, migrations)."""

from __future__ import annotations

import os
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parents[2]


def policies_dir() -> Path:
    """The folder with Cedar policies, vocabulary and retention rules."""
    return Path(os.environ.get("ZORG_POLICIES_DIR", _PROJECT_ROOT / "policies"))


def migrations_dir() -> Path:
    """The Alembic script folder."""
    return Path(os.environ.get("ZORG_MIGRATIONS_DIR", _PROJECT_ROOT / "migrations"))
