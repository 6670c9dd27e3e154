"""HTTP API of the retention package."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
