"""What every command of the ``zorgafstemming`` program shares: its error and its settings.

The root command line and each package's commands import this module, so no package command
needs the root ``cli`` module (which imports them).
"""

from __future__ import annotations

import argparse

from zorgafstemming.config import Settings, load_settings


class CliError(Exception):
    """A failure to report to the user as one line; ``exit_code`` is the process status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def command_settings(args: argparse.Namespace) -> Settings:
    """The settings a command runs with (``ZORG_*`` variables and the ``ZORG_CONFIG`` file)."""
    return load_settings()
