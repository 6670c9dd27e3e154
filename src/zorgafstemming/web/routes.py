"""HTML routes of the web interface."""

from __future__ import annotations

from typing import Any

ROUTES: list[Any] = []
