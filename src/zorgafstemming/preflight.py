"""Checks before a start or a command: the settings and the key files they point to, together.

``config`` knows the settings and ``crypto.keyfiles`` the key files; this module is where both
are known, so neither of the two has to import the other.
"""

from __future__ import annotations

from zorgafstemming.config import Settings, insecure_settings
from zorgafstemming.crypto.keyfiles import key_dir_problems


def key_file_problems(settings: Settings) -> list[str]:
    """Every problem with the configured key files (empty when all are usable)."""
    return key_dir_problems(
        settings.keys_path,
        settings.kek_env_var,
        kek_file=settings.kek_pkcs11_module is None,
    )


def production_problems(settings: Settings) -> list[str]:
    """Every reason these settings and key files are unsafe for production (empty if none)."""
    return [*insecure_settings(settings), *key_file_problems(settings)]
