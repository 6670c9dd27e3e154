"""The key-encryption key (KEK): versions, one active, behind one small provider interface.

A provider wraps and unwraps data keys; the KEK itself never leaves it and never enters the
database. Two providers are built in:

- :class:`FileKekProvider` (default): ``kek.json`` in the key folder (mode 0600, created by
  ``zorgafstemming init``); adding a version is a durable, atomic write.
- :class:`EnvKekProvider`: the variable named by ``ZORG_KEK_ENV_VAR`` holds either one base64
  key (version 1) or the same JSON document as ``kek.json``. It is read-only: to rotate, the
  operator puts the new version in the variable (marked active) and runs ``keys rotate-kek``.

- :class:`~zorgafstemming.crypto.hsm.Pkcs11KekProvider`: KEK versions as non-extractable keys
  on a PKCS#11 token (an HSM); wrapping and unwrapping happen inside the token.

**KMS adapter.** A key-management service plugs in by implementing :class:`KekProvider`
(``wrap``/``unwrap`` become calls to the KMS, with the version naming the KMS key version) and
passing it to :class:`~zorgafstemming.crypto.fields.FieldCipher`. Nothing else changes: the
database stores only what ``wrap`` returns, together with the version.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zorgafstemming.crypto.keyfiles import (
    KEK_FILE,
    KEY_BYTES,
    KeyFileError,
    load_kek_versions,
    save_kek_versions,
)

if TYPE_CHECKING:
    from zorgafstemming.config import Settings

NONCE_BYTES = 12


class KekUnavailable(Exception):
    """The KEK cannot do what was asked (unknown version, read-only source); message says why."""


class UnwrapError(Exception):
    """A wrapped data key does not authenticate under the named KEK version and binding."""


class KekProvider(Protocol):
    """What the service needs from a KEK source (key file, environment variable, KMS)."""

    @property
    def active_version(self) -> int:
        """The version new wraps use."""
        ...

    def versions(self) -> frozenset[int]:
        """Every version this provider can still unwrap with."""
        ...

    def wrap(self, version: int, key: bytes, aad: bytes) -> bytes:
        """Encrypt a data key under KEK ``version``, authenticating ``aad``."""
        ...

    def unwrap(self, version: int, wrapped: bytes, aad: bytes) -> bytes:
        """Decrypt a wrapped data key; raise :class:`UnwrapError` when it does not authenticate."""
        ...

    def add_version(self) -> int:
        """Create a new KEK version, store it durably and make it active; return its number."""
        ...

    def refresh(self) -> None:
        """Pick up versions added or retired by another process (cheap when nothing changed)."""
        ...

    def retire(self, version: int) -> bool:
        """Destroy an unused, non-active version; return False when the source is read-only."""
        ...


class LocalKekProvider:
    """KEK versions held in memory, wrapping with AES-256-GCM (nonce ‖ ciphertext ‖ tag)."""

    def __init__(self, active: int, versions: dict[int, bytes]) -> None:
        if active not in versions:
            raise KekUnavailable(f"active KEK version {active} is not among the versions held")
        self._active = active
        self._keys = dict(versions)
        self._aeads = {v: AESGCM(k) for v, k in versions.items()}

    @property
    def active_version(self) -> int:
        return self._active

    def versions(self) -> frozenset[int]:
        return frozenset(self._keys)

    def _aead(self, version: int) -> AESGCM:
        try:
            return self._aeads[version]
        except KeyError:
            raise KekUnavailable(f"KEK version {version} is not available") from None

    def wrap(self, version: int, key: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead(version).encrypt(nonce, key, aad)

    def unwrap(self, version: int, wrapped: bytes, aad: bytes) -> bytes:
        aead = self._aead(version)
        try:
            return aead.decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], aad)
        except (InvalidTag, ValueError):
            raise UnwrapError("wrapped data key does not authenticate") from None

    def _set(self, active: int, versions: dict[int, bytes]) -> None:
        self._active = active
        self._keys = dict(versions)
        self._aeads = {v: AESGCM(k) for v, k in versions.items()}

    def add_version(self) -> int:
        raise KekUnavailable("this KEK source is read-only")

    def retire(self, version: int) -> bool:
        return False

    def refresh(self) -> None:
        return None


class FileKekProvider(LocalKekProvider):
    """The KEK versions in ``kek.json`` (mode 0600); changes are durable, atomic replaces."""

    def __init__(self, key_dir: Path) -> None:
        self.key_dir = key_dir
        self._stamp = self._file_stamp()
        active, versions = load_kek_versions(key_dir)
        super().__init__(active, versions)

    def _file_stamp(self) -> tuple[int, int, int]:
        try:
            st = (self.key_dir / KEK_FILE).stat()
        except OSError:
            return (0, 0, 0)
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def refresh(self) -> None:
        # A running server learns of a rotation done by the command line: the file is replaced
        # atomically, so a changed inode/mtime/size means new contents.
        stamp = self._file_stamp()
        if stamp != self._stamp:
            active, versions = load_kek_versions(self.key_dir)
            self._stamp = stamp
            self._set(active, versions)

    def unwrap(self, version: int, wrapped: bytes, aad: bytes) -> bytes:
        if version not in self._keys:
            self.refresh()
        return super().unwrap(version, wrapped, aad)

    def add_version(self) -> int:
        # Re-read first so that a version written by another process is never lost.
        _, versions = load_kek_versions(self.key_dir)
        new = max(versions) + 1
        versions[new] = secrets.token_bytes(KEY_BYTES)
        save_kek_versions(self.key_dir, new, versions)
        self._stamp = self._file_stamp()
        self._set(new, versions)
        return new

    def retire(self, version: int) -> bool:
        active, versions = load_kek_versions(self.key_dir)
        if version == active:
            raise KekUnavailable("the active KEK version cannot be retired")
        if version in versions:
            del versions[version]
            save_kek_versions(self.key_dir, active, versions)
        self._stamp = self._file_stamp()
        self._set(active, versions)
        return True


class EnvKekProvider(LocalKekProvider):
    """The KEK from an environment variable: one base64 key, or the ``kek.json`` document."""

    def __init__(self, var: str, environ: dict[str, str] | None = None) -> None:
        self.var = var
        raw = (os.environ if environ is None else environ).get(var, "").strip()
        if not raw:
            raise KeyFileError(f"KEK environment variable {var} is not set")
        active, versions = self._parse(raw)
        super().__init__(active, versions)

    def _parse(self, raw: str) -> tuple[int, dict[int, bytes]]:
        problem = f"KEK environment variable {self.var} is malformed"
        try:
            if raw.startswith("{"):
                doc = json.loads(raw)
                active = int(doc["active"])
                versions = {
                    int(k): base64.b64decode(v, validate=True) for k, v in doc["versions"].items()
                }
            else:
                active, versions = 1, {1: base64.b64decode(raw, validate=True)}
        except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
            raise KeyFileError(problem) from None
        if active not in versions or any(len(k) != KEY_BYTES for k in versions.values()):
            raise KeyFileError(problem)
        return active, versions

    def add_version(self) -> int:
        raise KekUnavailable(
            f"the KEK comes from {self.var}: add the new version there, mark it active, and rerun"
        )


def provider_for(settings: Settings) -> KekProvider:
    """The local KEK provider the settings select (environment variable if named, else the key
    file); :func:`zorgafstemming.crypto.providers.kek_provider` also knows the PKCS#11 token."""
    if settings.kek_env_var:
        return EnvKekProvider(settings.kek_env_var)
    return FileKekProvider(settings.keys_path)


def length_prefixed(*parts: bytes) -> bytes:
    """Canonical encoding of a tuple: each part as a 4-byte big-endian length, then the bytes."""
    return b"".join(struct.pack(">I", len(p)) + p for p in parts)
