"""The deletion ledger: what was purged and shredded, kept outside the database so that a restored
backup cannot bring it back.

An append-only file of signed, hash-chained JSON lines (one record a line). Three record types:

- ``prepare`` (an *entry*): written and fsynced **inside** the purging transaction, before its
  commit. Its kind says what it holds, as HMAC refs (as in audit events), never ids: ``files``
  the purged files' refs with their rule and the key ids shredded; ``keys`` the owners' refs and
  key ids of data keys shredded outside a purge; ``members`` the file's ref and the member's ref
  of a member erased from their file (GDPR art. 17). The same transaction inserts a mark
  (``deletion_ledger_marks``: the entry's number and line digest), so the database says which
  entries it has applied. No purge can commit without its entry being durable first.
- ``commit``: appended after the transaction committed (the entry must be applied after a
  restore).
- ``abort``: appended after it rolled back (the entry is void).

A crash between the commit and the ``commit`` record leaves an entry unresolved. At start-up a
**committed** entry without its mark means the database is older than the ledger — it was
restored from a backup — and the service refuses to serve until ``zorgafstemming restore-check``
has re-applied the missing entries (:mod:`zorgafstemming.retention.restore`): files purged again,
keys shredded again, members erased again. A mark the ledger
does not hold (or whose digest differs) means the ledger lost entries or belongs to another
database: refused too. An unresolved entry never blocks start-up (its transaction may still be
running in another process); restore-check applies it only to files that are still due and
unheld in the restored database — exactly what the next purge would do, so an entry whose purge
rolled back is harmless there (see that module for the other kinds).

An entry of a kind this version does not know (a ledger written by a newer version) is refused
like an altered one: this version could not re-apply it. A ledger written before a kind existed
still verifies.

Each line is signed with Ed25519 under a key derived (HKDF, its own label) from the checkpoint
signing seed in the key folder, and carries the SHA-256 of the previous line: an edited, removed
or reordered line fails verification and restore-check refuses the ledger. A torn last line (a
crash inside an append, before its fsync returned) is ignored and cut off by the next append: its
transaction never got to commit.

Appends from several processes are serialised with an exclusive ``flock`` on the file. Several
hosts must share one ledger (a shared file system with working locks, or an object store behind
:class:`LedgerStore`).
"""

from __future__ import annotations

import asyncio
import base64
import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import event, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import NullPool

from zorgafstemming.audit.service import audit_ref
from zorgafstemming.db import utcnow
from zorgafstemming.logging import get_logger
from zorgafstemming.retention.models import DeletionLedgerMark

if TYPE_CHECKING:
    from zorgafstemming.runtime import Runtime

SIGNING_LABEL = b"zorgafstemming deletion ledger v1"
GENESIS = "0" * 64
RecordType = Literal["prepare", "commit", "abort"]
EntryKind = Literal["files", "keys", "members"]
ENTRY_KINDS: frozenset[str] = frozenset(get_args(EntryKind))
_PENDING = "deletion_ledger_pending"
_WATCHED = "deletion_ledger_watched"

_log = get_logger("zorgafstemming.retention")


class LedgerError(Exception):
    """The ledger cannot be trusted: unreadable, malformed, tampered with, or behind the database.
    The message says which (no personal data)."""


class LedgerStore(Protocol):
    """Where ledger lines live: append-only, durable on return, safe across processes."""

    def append(self, build: Callable[[int, str], bytes]) -> tuple[int, bytes]:
        """Append ``build(number, previous line's sha256)`` (one line, no newline) durably;
        return its number and the line."""
        ...

    def lines(self) -> list[bytes]:
        """Every complete line, in order (a torn last line left out)."""
        ...


def line_digest(line: bytes) -> str:
    """The SHA-256 (hex) of one ledger line: the chain link and the database mark's digest."""
    return hashlib.sha256(line).hexdigest()


class FileLedgerStore:
    """The ledger as one local (or shared) file, appended under an exclusive ``flock``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Where this process has read up to: appends by other processes are caught up from here.
        self._offset = 0
        self._count = 0
        self._last = GENESIS

    def _catch_up(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size < self._offset:  # replaced or cut: read it all again (verification will judge)
            self._offset, self._count, self._last = 0, 0, GENESIS
        data = os.pread(fd, size - self._offset, self._offset)
        end = data.rfind(b"\n") + 1
        for line in data[:end].splitlines():
            self._count += 1
            self._last = line_digest(line)
        self._offset += end
        if end < len(data):
            # A torn line from a writer that died inside its append: never acknowledged, cut it.
            os.ftruncate(fd, self._offset)
            os.fsync(fd)

    def append(self, build: Callable[[int, str], bytes]) -> tuple[int, bytes]:
        created = not self.path.exists()
        if created:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._catch_up(fd)
            line = build(self._count, self._last)
            os.write(fd, line + b"\n")
            os.fsync(fd)
            number = self._count
            self._count += 1
            self._offset += len(line) + 1
            self._last = line_digest(line)
        finally:
            os.close(fd)  # closing releases the lock
        if created:
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return number, line

    def lines(self) -> list[bytes]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise LedgerError(f"the deletion ledger cannot be read ({exc.strerror})") from None
        return data[: data.rfind(b"\n") + 1].splitlines()


@dataclass
class Entry:
    """One ``prepare`` record and what became of it."""

    seq: int
    kind: EntryKind
    body: dict[str, Any]
    digest: str
    committed: bool = False
    aborted: bool = False

    @property
    def void(self) -> bool:
        """Rolled back for certain: an ``abort`` and no ``commit`` (a commit wins)."""
        return self.aborted and not self.committed


@dataclass
class LedgerView:
    """The verified ledger: its entries by number."""

    entries: dict[int, Entry] = field(default_factory=dict)
    records: int = 0


def _signing_key(signing_seed: bytes) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SIGNING_LABEL).derive(
        signing_seed
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":")).encode()


class DeletionLedger:
    """Writes and reads the signed ledger (see the module doc)."""

    def __init__(self, store: LedgerStore, signing_seed: bytes, audit_key: bytes) -> None:
        self.store = store
        self._key = _signing_key(signing_seed)
        self.public_key: Ed25519PublicKey = self._key.public_key()
        self._audit_key = audit_key

    # -- writing -------------------------------------------------------------------------------

    def _append(self, record_type: RecordType, fields: dict[str, Any]) -> tuple[int, str]:
        def build(number: int, previous: str) -> bytes:
            record = {
                "n": number,
                "prev": previous,
                "type": record_type,
                "at": utcnow().isoformat(),
                **fields,
            }
            signature = self._key.sign(_canonical(record))
            record["sig"] = base64.b64encode(signature).decode()
            return _canonical(record)

        number, line = self.store.append(build)
        return number, line_digest(line)

    async def record(self, session: AsyncSession, kind: EntryKind, body: dict[str, Any]) -> int:
        """Append an entry durably and mark it in the session's transaction; ``commit`` or
        ``abort`` follows when that transaction ends. Raises ``OSError`` when the ledger cannot
        be written — the caller's transaction then fails, so nothing is purged unrecorded."""
        seq, digest = await asyncio.to_thread(self._append, "prepare", {"kind": kind, "body": body})
        await session.execute(
            insert(DeletionLedgerMark).values(seq=seq, digest=digest, applied_at=utcnow())
        )
        self._watch(session.sync_session, seq)
        return seq

    async def record_purge(
        self,
        session: AsyncSession,
        *,
        files: Iterable[tuple[str, str, datetime]],
        keys: dict[str, list[int]],
    ) -> int:
        """The entry of a purge batch: ``files`` as (file ref, rule id, due at), ``keys`` the key
        ids shredded per file ref."""
        body = {
            "files": [[ref, rule, due_at.isoformat()] for ref, rule, due_at in files],
            "owner_kind": "file",
            "keys": keys,
        }
        return await self.record(session, "files", body)

    async def record_member_erasure(
        self, session: AsyncSession, *, file_ref: str, member_ref: str
    ) -> int:
        """The entry of one member's erasure from a file: the file's ref and the member's ref
        (HMAC refs under the audit key, as in the erasure decision), nothing else."""
        return await self.record(session, "members", {"file": file_ref, "member": member_ref})

    async def on_shred(
        self, session: AsyncSession, owner_kind: str, shredded: dict[Any, list[int]]
    ) -> None:
        """The cipher's shred hook: an entry for data keys shredded outside a purge batch."""
        keys = {
            audit_ref(self._audit_key, owner_kind, owner_id): sorted(key_ids)
            for owner_id, key_ids in shredded.items()
        }
        await self.record(session, "keys", {"owner_kind": owner_kind, "keys": keys})

    def _watch(self, session: Session, seq: int) -> None:
        pending: list[int] = session.info.setdefault(_PENDING, [])
        pending.append(seq)
        if session.info.get(_WATCHED):
            return
        session.info[_WATCHED] = True
        event.listen(session, "after_commit", self._after_commit)
        event.listen(session, "after_transaction_end", self._after_end)

    def _close_pending(self, session: Session, record_type: RecordType) -> None:
        pending: list[int] = session.info.get(_PENDING, [])
        while pending:
            seq = pending.pop(0)
            try:
                self._append(record_type, {"entry": seq})
            except OSError as exc:
                # The entry stays unresolved: restore-check treats it conservatively.
                _log.error("ledger_append_failed", phase=record_type, error_type=type(exc).__name__)

    def _after_commit(self, session: Session) -> None:
        self._close_pending(session, "commit")

    def _after_end(self, session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None and not transaction.nested:
            self._close_pending(session, "abort")

    # -- reading -------------------------------------------------------------------------------

    def read(self) -> LedgerView:
        """Every record, verified (number, chain, signature); raises :class:`LedgerError`."""
        view = LedgerView()
        previous = GENESIS
        for number, line in enumerate(self.store.lines()):
            try:
                record = json.loads(line)
                signature = base64.b64decode(record.pop("sig"), validate=True)
                self.public_key.verify(signature, _canonical(record))
            except (ValueError, KeyError, TypeError, AttributeError, InvalidSignature):
                raise LedgerError(
                    f"the deletion ledger's record {number} is malformed or its signature does not"
                    " verify: the ledger was altered"
                ) from None
            if record.get("n") != number or record.get("prev") != previous:
                raise LedgerError(
                    f"the deletion ledger's record {number} is out of order or a record before it"
                    " is missing: the ledger was altered"
                )
            previous = line_digest(line)
            kind = record.get("type")
            if kind == "prepare":
                body = record.get("body")
                if record.get("kind") not in ENTRY_KINDS or not isinstance(body, dict):
                    raise LedgerError(
                        f"the deletion ledger's record {number} is an entry of a kind this version"
                        " does not know: it cannot be re-applied (was it written by a newer"
                        " version?)"
                    )
                view.entries[number] = Entry(number, record["kind"], body, previous)
            elif kind in ("commit", "abort") and record.get("entry") in view.entries:
                entry = view.entries[record["entry"]]
                entry.committed |= kind == "commit"
                entry.aborted |= kind == "abort"
            else:
                raise LedgerError(f"the deletion ledger's record {number} is of no known kind")
            view.records = number + 1
        return view


def ledger_for(runtime: Runtime) -> DeletionLedger:
    """The runtime's deletion ledger, installed as its cipher's shred hook on first use."""
    hook = runtime.cipher.shred_hook
    owner = getattr(hook, "__self__", None)
    if isinstance(owner, DeletionLedger):
        return owner
    ledger = DeletionLedger(
        FileLedgerStore(runtime.settings.deletion_ledger_path),
        runtime.secrets.signing_seed,
        runtime.secrets.audit_key,
    )
    runtime.cipher.shred_hook = ledger.on_shred
    return ledger


@dataclass(frozen=True)
class RestoreState:
    """Whether this database is consistent with the deletion ledger (no personal data).

    ``problem``: None when ready; ``restore-check-required`` (committed entries not applied: a
    restored backup); ``ledger-untrusted`` (altered, unreadable, or behind the database)."""

    problem: str | None
    missing: int = 0
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.problem is None


async def _marks(runtime: Runtime, *, detach: bool = False) -> dict[int, str]:
    query = select(DeletionLedgerMark.seq, DeletionLedgerMark.digest)
    if not detach:
        async with runtime.engine.connect() as conn:
            return {seq: digest for seq, digest in await conn.execute(query)}
    # Start-up runs on an event loop of its own and before the pool is anyone's: one connection
    # of its own, closed at once, so it neither waits for nor leaves a pooled connection.
    engine = create_async_engine(
        runtime.settings.effective_database_url, poolclass=NullPool, hide_parameters=True
    )
    try:
        async with engine.connect() as conn:
            return {seq: digest for seq, digest in await conn.execute(query)}
    finally:
        await engine.dispose()


def compare(view: LedgerView, marks: dict[int, str]) -> RestoreState:
    """Judge a database's marks against the verified ledger (pure; see :class:`RestoreState`)."""
    unknown = [
        seq
        for seq, digest in marks.items()
        if seq not in view.entries or view.entries[seq].digest != digest
    ]
    if unknown:
        return RestoreState(
            "ledger-untrusted",
            detail=(
                f"the database has applied {len(unknown)} deletion ledger entry(ies) the ledger at"
                " hand does not hold: it is not this database's ledger, or it lost entries"
            ),
        )
    missing = [e.seq for e in view.entries.values() if e.committed and e.seq not in marks]
    if missing:
        return RestoreState(
            "restore-check-required",
            missing=len(missing),
            detail=(
                f"the deletion ledger holds {len(missing)} committed deletion(s) (purges, shreds,"
                " erasures) this database has not applied: it was restored from a backup; run"
                " `zorgafstemming restore-check`"
                " before serving"
            ),
        )
    return RestoreState(None)


async def restore_state(runtime: Runtime, *, detach: bool = False) -> RestoreState:
    """Whether the service may serve this database (for start-up and readiness; ``detach``
    closes the connection it used instead of pooling it)."""
    ledger = ledger_for(runtime)
    try:
        view = await asyncio.to_thread(ledger.read)
    except LedgerError as exc:
        return RestoreState("ledger-untrusted", detail=str(exc))
    return compare(view, await _marks(runtime, detach=detach))


class RestoreCheckRequired(Exception):
    """The database and the deletion ledger disagree; the service must not serve (the message
    says what to do, with no personal data)."""


async def require_restore_checked(runtime: Runtime) -> None:
    """Raise :class:`RestoreCheckRequired` unless this database is consistent with the ledger."""
    state = await restore_state(runtime, detach=True)
    if not state.ready:
        _log.error("restore_check_required", problem=state.problem, count=state.missing)
        raise RestoreCheckRequired(f"refusing to serve: {state.detail}")
