"""Exports for an inquiry: the sealed events that match a filter, each with an inclusion proof.

A DPO answering a family or an inspector hands over only the events about one file, one account
or one period, not the whole log. The bundle (scope ``selection``, see
:mod:`zorgafstemming.audit.bundle_format`) holds those events with their RFC 9162 inclusion
proofs against the latest signed checkpoint, and a note signed with the log's key (origin
``zorgafstemming/audit-selection``, so it can never pass for a checkpoint) that states::

    zorgafstemming/audit-selection
    <tree size of the checkpoint>
    <base64 root of the checkpoint>
    since <UTC time or ->
    until <UTC time or ->
    file <hex: a short reference's prefix or a whole file ref, or ->
    account <an account's audit ref, or ->
    events <how many matched>
    digest <base64 SHA-256 over each matching event's seq (8 bytes, big-endian) and leaf hash>

Only sealed events count (those the checkpoint covers); events recorded since wait for the next
seal. An event whose body retention purged keeps its time, not its file or account, so it can
match a period, never a file or an account; it appears as its leaf hash only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit import canonical
from zorgafstemming.audit.bundle_format import (
    FORMAT,
    SCOPE_SELECTION,
    Bundle,
    BundleCheckpoint,
    BundleEvent,
    VerificationFailed,
)
from zorgafstemming.audit.merkle import EMPTY_ROOT, HASH_SIZE, Tree, leaf_hash
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.note import ORIGIN, Signer
from zorgafstemming.audit.references import HEX_PREFIX_LENGTH, audit_prefix
from zorgafstemming.audit.sealer import canonical_columns
from zorgafstemming.logging import get_logger

SELECTION_ORIGIN = "zorgafstemming/audit-selection"
_REF = re.compile(r"[0-9a-f]{64}")
_FILE = re.compile(rf"[0-9a-f]{{{HEX_PREFIX_LENGTH}}}|[0-9a-f]{{64}}")
_NONE = "-"
_log = get_logger("zorgafstemming.audit.selection")


def file_filter(text: str) -> str | None:
    """The hex a file filter stands for: a whole file ref (64 hex digits) as it is, or a short
    reference (eight characters, as people see it) as its prefix; None for anything else."""
    value = text.strip()
    if _REF.fullmatch(value):
        return value
    return audit_prefix(value)


def account_filter(text: str) -> str | None:
    """An account's audit ref (64 lowercase hex digits), or None."""
    value = text.strip()
    return value if _REF.fullmatch(value) else None


@dataclass(frozen=True)
class Selection:
    """What an inquiry asks for: a period ``[since, until)`` in UTC, a file (the hex of
    :func:`file_filter`) and an account ref; None means any."""

    since: datetime | None = None
    until: datetime | None = None
    file: str | None = None
    account: str | None = None

    def __post_init__(self) -> None:
        if self.file is not None and not _FILE.fullmatch(self.file):
            raise ValueError("a file filter is a short reference's prefix or a file ref")
        if self.account is not None and not _REF.fullmatch(self.account):
            raise ValueError("an account filter is an account's audit ref")

    @property
    def is_empty(self) -> bool:
        return self.since is None and self.until is None and not self.file and not self.account

    def lines(self) -> list[str]:
        """The filter as the signed note states it."""

        def when(at: datetime | None) -> str:
            return canonical.format_time(at) if at is not None else _NONE

        return [
            f"since {when(self.since)}",
            f"until {when(self.until)}",
            f"file {self.file or _NONE}",
            f"account {self.account or _NONE}",
        ]

    def matches(self, event: canonical.CanonicalEvent) -> bool:
        """Does a (canonical) event fall inside this selection?"""
        at = event.occurred_at  # the canonical spelling sorts as the time does
        if self.since is not None and at < canonical.format_time(self.since):
            return False
        if self.until is not None and at >= canonical.format_time(self.until):
            return False
        if self.file is not None and not (event.file_ref or "").startswith(self.file):
            return False
        return self.account is None or event.actor_ref == self.account

    def matches_purged(self) -> bool:
        """Can an event with a purged body (time kept, refs gone) match?"""
        return self.file is None and self.account is None


@dataclass(frozen=True)
class Manifest:
    """The statement of the signed selection note."""

    size: int
    root: bytes
    selection: Selection
    count: int
    digest: bytes


def selection_digest(entries: Iterable[tuple[int, bytes]]) -> bytes:
    """SHA-256 over each (seq, leaf hash) in order: which events the selection holds."""
    h = hashlib.sha256()
    for seq, leaf in entries:
        h.update(seq.to_bytes(8, "big"))
        h.update(leaf)
    return h.digest()


def manifest_text(manifest: Manifest) -> str:
    return "\n".join(
        [
            SELECTION_ORIGIN,
            str(manifest.size),
            base64.b64encode(manifest.root).decode(),
            *manifest.selection.lines(),
            f"events {manifest.count}",
            f"digest {base64.b64encode(manifest.digest).decode()}",
            "",
        ]
    )


def _fail(message: str) -> VerificationFailed:
    return VerificationFailed(f"selection note: {message}")


def _time(text: str) -> datetime | None:
    if text == _NONE:
        return None
    try:
        at = datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        raise _fail("a time is malformed") from None
    if canonical.format_time(at) != text:
        raise _fail("a time is not in canonical form")
    return at


def parse_manifest(text: str) -> Manifest:
    """Parse the text of a signed selection note; raise ``VerificationFailed`` when malformed."""
    lines = text.split("\n")
    if len(lines) != 10 or lines[0] != SELECTION_ORIGIN or lines[-1] != "":
        raise _fail("not a selection of this log")
    size_text, root_text = lines[1], lines[2]
    fields: dict[str, str] = {}
    names = ("since", "until", "file", "account", "events", "digest")
    for line, name in zip(lines[3:9], names, strict=True):
        key, _, value = line.partition(" ")
        if key != name or not value:
            raise _fail(f"line {name!r} is missing")
        fields[name] = value
    if not size_text.isdigit() or not fields["events"].isdigit():
        raise _fail("a count is malformed")
    try:
        root = base64.b64decode(root_text, validate=True)
        digest = base64.b64decode(fields["digest"], validate=True)
        selection = Selection(
            since=_time(fields["since"]),
            until=_time(fields["until"]),
            file=None if fields["file"] == _NONE else fields["file"],
            account=None if fields["account"] == _NONE else fields["account"],
        )
    except (binascii.Error, ValueError):
        raise _fail("a hash or filter is malformed") from None
    if len(root) != HASH_SIZE or len(digest) != HASH_SIZE:
        raise _fail("a hash is malformed")
    return Manifest(int(size_text), root, selection, int(fields["events"]), digest)


async def export_selection(
    session: AsyncSession, signing_seed: bytes, now: datetime, selection: Selection
) -> Bundle:
    """The sealed events matching ``selection``, each with its inclusion proof against the
    latest checkpoint, and the signed selection note (reads only; run it in a read transaction).
    """
    latest = (
        await session.scalars(
            select(AuditCheckpoint).order_by(AuditCheckpoint.tree_size.desc()).limit(1)
        )
    ).first()
    size = latest.tree_size if latest is not None else 0
    root = latest.root_hash if latest is not None else EMPTY_ROOT
    conditions = [AuditEvent.seq.is_not(None), AuditEvent.seq < size]
    if selection.since is not None:
        conditions.append(AuditEvent.occurred_at >= selection.since)
    if selection.until is not None:
        conditions.append(AuditEvent.occurred_at < selection.until)
    if selection.file is not None:
        if len(selection.file) == HEX_PREFIX_LENGTH:  # a short reference: every ref it starts
            conditions += [
                AuditEvent.file_ref >= selection.file,
                AuditEvent.file_ref < selection.file + "g",
            ]
        else:
            conditions.append(AuditEvent.file_ref == selection.file)
    if selection.account is not None:
        conditions.append(AuditEvent.actor_ref == selection.account)
    rows = (
        await session.execute(
            select(
                AuditEvent.id,
                AuditEvent.seq,
                AuditEvent.occurred_at,
                AuditEvent.leaf_hash,
                AuditEvent.body_purged_at,
                *canonical_columns(),
            )
            .where(*conditions)
            .order_by(AuditEvent.seq)
        )
    ).all()
    events: list[BundleEvent] = []
    if rows:
        # Proofs need the whole tree up to the checkpoint: its leaf hashes, in order.
        leaves = list(
            (
                await session.scalars(
                    select(AuditEvent.leaf_hash)
                    .where(AuditEvent.seq.is_not(None), AuditEvent.seq < size)
                    .order_by(AuditEvent.seq)
                )
            ).all()
        )
        tree = Tree([leaf or b"" for leaf in leaves])
        if tree.size != size or tree.root(size) != root:
            # The stored log does not give the signed root; export what is there and let
            # verification refuse it, rather than hide it.
            _log.error("audit_selection_tree_mismatch", tree_size=size)
        for row in rows:
            proof = tuple(tree.inclusion_proof(row.seq, size)) if row.seq < tree.size else ()
            if row.body_purged_at is None:
                data = canonical.encode(canonical.event_from_row(row, row.seq))
                if leaf_hash(data) != row.leaf_hash:
                    _log.error("audit_export_leaf_mismatch", seq=row.seq)
                events.append(
                    BundleEvent(
                        seq=row.seq, event=msgspec.Raw(data), leaf=row.leaf_hash, proof=proof
                    )
                )
            else:
                events.append(BundleEvent(seq=row.seq, leaf=row.leaf_hash, proof=proof))
    signer = Signer(signing_seed)
    manifest = Manifest(
        size=size,
        root=root,
        selection=selection,
        count=len(events),
        digest=selection_digest((e.seq, e.leaf) for e in events),
    )
    return Bundle(
        format=FORMAT,
        scope=SCOPE_SELECTION,
        origin=ORIGIN,
        public_key=signer.verifier.vkey(),
        exported_at=canonical.format_time(now),
        selection=signer.sign(manifest_text(manifest)),
        checkpoints=(
            [BundleCheckpoint(note=latest.note, sealed_at=canonical.format_time(latest.sealed_at))]
            if latest is not None
            else []
        ),
        events=events,
    )
