"""How the rotations report progress: one bar per phase (the command line draws it with tqdm)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class ProgressBar(Protocol):
    """The part of a tqdm bar the rotations use."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def close(self) -> None: ...


Progress = Callable[[str, int | None], ProgressBar]
"""Makes a bar for one phase (its name, and its total or None when unknown)."""


class _NoBar:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def close(self) -> None:
        return None


def no_progress(phase: str, total: int | None) -> ProgressBar:
    """A progress factory that shows nothing (not on a terminal, or ``--json``)."""
    return _NoBar()
