"""TOTP (RFC 6238) rules: 30-second steps, six digits, one step of clock drift, single use."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp
import segno

ISSUER = "zorgafstemming"
STEP_SECONDS = 30
DRIFT_STEPS = 1


def new_secret() -> str:
    """A fresh base32 TOTP seed (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, label: str) -> str:
    """The otpauth:// URI for authenticator apps; ``label`` is an account reference, not PII."""
    return pyotp.TOTP(secret).provisioning_uri(name=label, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth URI as an SVG QR code (inline, no external resources)."""
    return str(segno.make(uri, error="m").svg_inline(scale=4))


def code_at(secret: str, when: datetime) -> str:
    """The code valid at ``when`` (used by tests and the demo)."""
    return str(pyotp.TOTP(secret).at(when))


def matching_step(secret: str, code: str, now: datetime, last_step: int | None) -> int | None:
    """The time step ``code`` belongs to (within one step of ``now``), or None.

    Steps at or before ``last_step`` never match: a code, once accepted, is spent.
    """
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now.timestamp()) // STEP_SECONDS
    found: int | None = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        # Compare every candidate so the time taken does not depend on which one matched.
        if hmac.compare_digest(totp.generate_otp(step), code) and found is None:
            found = step
    if found is None or (last_step is not None and found <= last_step):
        return None
    return found
