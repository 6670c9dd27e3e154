"""Key files on disk: created once by ``init``, mode 0600, never in the database.

Layout of the key folder (mode 0700):

- ``kek.json``: the rotating key-encryption key versions, ``{"active": N, "versions": {"N": b64}}``
- ``index.key``: blind-index root key (non-rotating)
- ``audit.key``: audit reference HMAC key (non-rotating)
- ``signing.key``: Ed25519 seed for audit checkpoints (non-rotating)
- ``session.key``: session and CSRF secret (non-rotating)

The non-rotating keys are independent random values, never derived from the KEK, so rotating the
KEK changes no index or reference.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Literal

from zorgafstemming.faults import crash_point

SecretName = Literal["index", "audit", "signing", "session"]
SECRET_FILES: dict[SecretName, str] = {
    "index": "index.key",
    "audit": "audit.key",
    "signing": "signing.key",
    "session": "session.key",
}
KEK_FILE = "kek.json"
KEK_FILE_BEFORE_RENAME = "kek_file.before_rename"
KEY_BYTES = 32


class KeyFileError(Exception):
    """A key file is missing, unreadable, malformed or not private; the message names it."""


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private_file(path: Path, data: bytes, crash_point_name: str | None = None) -> None:
    """Write ``data`` durably and atomically, mode 0600 (temp, fsync, rename, fsync dir)."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    if crash_point_name:
        crash_point(crash_point_name)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _check_private(path: Path) -> None:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise KeyFileError(f"key file {path} is missing (run `zorgafstemming init`)") from None
    except PermissionError:
        raise KeyFileError(f"key file {path} is not readable by this user") from None
    if not stat.S_ISREG(st.st_mode):
        raise KeyFileError(f"key file {path} is not a regular file")
    if not st.st_mode & stat.S_IRUSR:
        # Refused even when running as root, who could read it anyway: the mode says "unreadable".
        raise KeyFileError(f"key file {path} is not readable (mode {stat.S_IMODE(st.st_mode):o})")
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"key file {path} is readable by group or others (mode {stat.S_IMODE(st.st_mode):o});"
            " run `chmod 600` on it"
        )


def _read(path: Path) -> bytes:
    _check_private(path)
    try:
        return path.read_bytes()
    except PermissionError:
        raise KeyFileError(f"key file {path} is not readable by this user") from None


def read_private_file(path: Path) -> bytes:
    """The bytes of a secret file that must be private (mode 0600, a regular file)."""
    return _read(path)


def _decode_key(path: Path, text: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"key file {path} is not valid base64") from None
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"key file {path} must hold {KEY_BYTES} bytes")
    return key


def load_secret(key_dir: Path, name: SecretName) -> bytes:
    """Read one non-rotating secret from the key folder."""
    path = key_dir / SECRET_FILES[name]
    return _decode_key(path, _read(path).decode("ascii", errors="replace"))


def load_kek_versions(key_dir: Path) -> tuple[int, dict[int, bytes]]:
    """Read the KEK versions: (active version, {version: key})."""
    path = key_dir / KEK_FILE
    try:
        doc = json.loads(_read(path))
        active = int(doc["active"])
        versions = {int(k): _decode_key(path, v) for k, v in doc["versions"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError(f"key file {path} is malformed") from None
    if active not in versions:
        raise KeyFileError(f"key file {path} names an active version it does not hold")
    return active, versions


def save_kek_versions(key_dir: Path, active: int, versions: dict[int, bytes]) -> None:
    """Write the KEK versions durably (atomic replace)."""
    doc = {
        "active": active,
        "versions": {str(v): base64.b64encode(k).decode() for v, k in sorted(versions.items())},
    }
    write_private_file(
        key_dir / KEK_FILE, json.dumps(doc, indent=1).encode(), KEK_FILE_BEFORE_RENAME
    )
    # A write interrupted by a crash leaves its temp file, holding key material: remove it.
    for stale in key_dir.glob(f".{KEK_FILE}.*.tmp"):
        stale.unlink(missing_ok=True)


def init_keys(key_dir: Path, *, with_kek_file: bool = True) -> list[str]:
    """Create every missing key file (never overwrite one); return the names created."""
    key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(key_dir, 0o700)
    created: list[str] = []
    if with_kek_file and not (key_dir / KEK_FILE).exists():
        save_kek_versions(key_dir, 1, {1: secrets.token_bytes(KEY_BYTES)})
        created.append(KEK_FILE)
    for filename in SECRET_FILES.values():
        path = key_dir / filename
        if not path.exists():
            write_private_file(path, base64.b64encode(secrets.token_bytes(KEY_BYTES)) + b"\n")
            created.append(filename)
    return created


def key_dir_problems(key_dir: Path, kek_env_var: str = "", *, kek_file: bool = True) -> list[str]:
    """Every problem with the key files in ``key_dir`` (empty when all are usable).

    With ``kek_env_var`` set the KEK comes from that environment variable, not from a key file;
    without ``kek_file`` it comes from elsewhere (a PKCS#11 token) and is not checked here.
    """
    problems: list[str] = []
    if kek_file and kek_env_var:
        if not os.environ.get(kek_env_var):
            problems.append(f"KEK environment variable {kek_env_var} is not set")
    elif kek_file:
        try:
            load_kek_versions(key_dir)
        except KeyFileError as exc:
            problems.append(str(exc))
    for name in SECRET_FILES:
        try:
            load_secret(key_dir, name)
        except KeyFileError as exc:
            problems.append(str(exc))
    return problems
