"""HTTP API of the identity package."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
