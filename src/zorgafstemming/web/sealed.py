"""Short-lived sealed cookies: small state carried between the steps of a form journey.

Used where post/redirect/get must carry something to the next page that may not travel in a
URL (a letter's in-person code, a TOTP enrolment). The value is encrypted and authenticated
with AES-GCM under a key derived from the session secret for this purpose only, bound to the
cookie name, and expires with the cookie.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Any

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from litestar import Request
from litestar.datastructures import Cookie

from zorgafstemming.runtime import Runtime

NONCE_BYTES = 12


def _key(runtime: Runtime) -> bytes:
    # A purpose-bound subkey: the session secret itself never encrypts anything.
    return hmac.new(runtime.secrets.session_key, b"web-sealed-cookie", hashlib.sha256).digest()


def seal(runtime: Runtime, name: str, value: dict[str, Any], max_age: int) -> Cookie:
    """A ``__Host-`` cookie holding ``value`` encrypted, readable for ``max_age`` seconds."""
    payload = msgspec.json.encode({"v": value, "exp": int(runtime.clock().timestamp()) + max_age})
    nonce = os.urandom(NONCE_BYTES)
    sealed = nonce + AESGCM(_key(runtime)).encrypt(nonce, payload, name.encode())
    return Cookie(
        key=name,
        value=base64.urlsafe_b64encode(sealed).decode("ascii"),
        path="/",
        secure=True,
        httponly=True,
        samesite="strict",
        max_age=max_age,
    )


def unseal(runtime: Runtime, request: Request[Any, Any, Any], name: str) -> dict[str, Any] | None:
    """The value of the sealed cookie ``name``; None when absent, altered or expired."""
    raw = request.cookies.get(name)
    if not raw or len(raw) > 4096:
        return None
    try:
        blob = base64.urlsafe_b64decode(raw.encode("ascii"))
        payload = AESGCM(_key(runtime)).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], name.encode()
        )
        data = msgspec.json.decode(payload)
    except (ValueError, InvalidTag, msgspec.DecodeError):
        return None
    if not isinstance(data, dict) or int(data.get("exp", 0)) < runtime.clock().timestamp():
        return None
    value = data.get("v")
    return value if isinstance(value, dict) else None


def cleared(name: str) -> Cookie:
    """A cookie that makes the browser forget the sealed cookie ``name``."""
    return Cookie(
        key=name, value="", path="/", secure=True, httponly=True, samesite="strict", max_age=0
    )
