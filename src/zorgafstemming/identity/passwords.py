"""Password rules and Argon2id hashing on a small fixed thread pool, off the event loop.

Hashing takes ~40 ms of CPU at t=2, m=19 MiB; running it in unbounded threads lets a login
flood starve every other request, so at most ``password_hash_threads`` hashes run at once and
the rest wait in the pool's queue.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
# OWASP / ASVS minimum for Argon2id; raise these and accounts are rehashed at their next login.
TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1

HASHER = PasswordHasher(
    time_cost=TIME_COST,
    memory_cost=MEMORY_COST_KIB,
    parallelism=PARALLELISM,
    hash_len=32,
    salt_len=16,
    type=Type.ID,
)

_pool_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_size = 2


def configure_pool(threads: int) -> None:
    """Set the number of hashing threads (takes effect when the pool is first used)."""
    global _pool_size
    _pool_size = max(1, threads)


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=_pool_size, thread_name_prefix="argon2")
        return _pool


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (lower case)."""
    text = resources.files("zorgafstemming").joinpath("data/common-passwords.txt").read_text()
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def password_problem(password: str) -> str | None:
    """Why ``password`` is refused, or None. Length 12-128, not common, not easily guessed."""
    if len(password) < MIN_LENGTH:
        return f"must be at least {MIN_LENGTH} characters"
    if len(password) > MAX_LENGTH:
        return f"must be at most {MAX_LENGTH} characters"
    lowered = password.lower()
    stripped = lowered.rstrip("0123456789!?.-_ ")
    common = common_passwords()
    if lowered in common or stripped in common or len(set(lowered)) <= 3:
        return "is too common"
    # zxcvbn catches keyboard walks, dates and dictionary words with substitutions.
    if zxcvbn(password[:64])["score"] < 3:
        return "is too easy to guess"
    return None


def hash_password_sync(password: str) -> str:
    """Argon2id hash of ``password`` (blocking; call :func:`hash_password` from async code)."""
    return HASHER.hash(password)


@cache
def _dummy_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(16))


def _verify(stored: str | None, password: str) -> tuple[bool, bool]:
    # An unknown account still costs one full verification, so timing reveals nothing.
    target = stored if stored is not None else _dummy_hash()
    try:
        ok = HASHER.verify(target, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False, False
    if stored is None:
        return False, False
    return ok, HASHER.check_needs_rehash(stored)


async def hash_password(password: str) -> str:
    """Hash on the bounded pool."""
    return await asyncio.get_running_loop().run_in_executor(
        _executor(), hash_password_sync, password
    )


async def verify_password(stored: str | None, password: str) -> tuple[bool, str | None]:
    """Check ``password`` against ``stored`` (None: unknown account, a dummy hash is checked).

    Returns (matches, new hash when the parameters have risen since ``stored`` was made).
    """
    loop = asyncio.get_running_loop()
    ok, needs_rehash = await loop.run_in_executor(_executor(), _verify, stored, password)
    if ok and needs_rehash:
        return True, await hash_password(password)
    return ok, None


def warm_up() -> None:
    """Compute the dummy hash now, so the first unknown-account login costs no extra hash."""
    _dummy_hash()
