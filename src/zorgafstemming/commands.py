"""What every command of the ``zorgafstemming`` program shares: its error and its settings.

The root command line and each package's commands import this module, so no package command
needs the root ``cli`` module (which imports them).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from zorgafstemming.config import Settings, load_settings

if TYPE_CHECKING:
    from zorgafstemming.runtime import Runtime

T = TypeVar("T")


class CliError(Exception):
    """A failure to report to the user as one line; ``exit_code`` is the process status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def command_settings(args: argparse.Namespace) -> Settings:
    """The settings a command runs with (``ZORG_*`` variables and the ``ZORG_CONFIG`` file)."""
    return load_settings()


def run_on_runtime(work: Callable[[Runtime], Awaitable[T]]) -> T:
    """Build the runtime from the settings, run ``work`` on it in an event loop, then close it."""
    from zorgafstemming.runtime import Runtime  # imported when a command runs, not on import

    async def main() -> T:
        runtime = Runtime.build(load_settings())
        try:
            return await work(runtime)
        finally:
            await runtime.close()

    return asyncio.run(main())
