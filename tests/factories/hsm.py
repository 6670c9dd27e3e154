"""A SoftHSM2 token for the tests of the PKCS#11 KEK, and settings that point at it.

SoftHSM2 reads ``SOFTHSM2_CONF`` once, when a process first loads it, so one token folder and
one token serve a whole test process; each test keeps apart by its own KEK label.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from zorgafstemming.config import Settings

MODULE_PATHS = (
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
)
REQUIRE_HSM = os.environ.get("ZORG_REQUIRE_HSM") == "1"
USER_PIN = "31415926"
PINS = ("--pin", USER_PIN, "--so-pin", "27182818")


@dataclass(frozen=True)
class SoftToken:
    """An initialised SoftHSM2 token: the module, its label and a private PIN file."""

    module: Path
    label: str
    pin_file: Path
    conf: Path

    def settings(self, base: Settings, key_label: str | None = None) -> Settings:
        """``base`` with the KEK on this token under a label of its own (a fresh KEK)."""
        return replace(
            base,
            kek_pkcs11_module=self.module,
            kek_pkcs11_token=self.label,
            kek_pkcs11_key_label=key_label or f"kek-{uuid.uuid4().hex[:10]}",
            kek_pkcs11_pin_file=self.pin_file,
        )

    def env(self) -> dict[str, str]:
        """Environment variables a child process needs to reach this token."""
        return {"SOFTHSM2_CONF": str(self.conf)}


def _missing() -> str | None:
    if shutil.which("softhsm2-util") is None or not any(p.exists() for p in MODULE_PATHS):
        return "SoftHSM2 is not installed (apt-get install softhsm2)"
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        return "python-pkcs11 is not installed (pip install 'zorgafstemming[hsm]')"
    return None


def make_soft_token(folder: Path) -> SoftToken:
    """Initialise a token in ``folder`` (skip, or fail with ZORG_REQUIRE_HSM=1, without it)."""
    problem = _missing()
    if problem is not None:
        if REQUIRE_HSM:
            pytest.fail(f"{problem} and ZORG_REQUIRE_HSM=1", pytrace=False)
        pytest.skip(problem)
    tokens = folder / "tokens"
    tokens.mkdir(parents=True)
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    existing = os.environ.get("SOFTHSM2_CONF")
    # The first token of this process decides the configuration SoftHSM2 will read.
    os.environ["SOFTHSM2_CONF"] = existing or str(conf)
    conf = Path(os.environ["SOFTHSM2_CONF"])
    label = f"zorg-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [*("softhsm2-util", "--init-token", "--free", "--label", label), *PINS],
        env={**os.environ, "SOFTHSM2_CONF": str(conf)},
        check=True,
        capture_output=True,
        timeout=60,
    )
    pin_file = folder / "pin"
    pin_file.write_text(USER_PIN + "\n")
    pin_file.chmod(0o600)
    module = next(p for p in MODULE_PATHS if p.exists())
    return SoftToken(module=module, label=label, pin_file=pin_file, conf=conf)
