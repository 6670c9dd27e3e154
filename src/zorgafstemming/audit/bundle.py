"""Audit bundles: export the sealed log with its checkpoints and proofs, and verify one offline.

A bundle is one JSON document (``format: zorgafstemming-audit-bundle/1``):

- ``events``: every sealed event up to the latest checkpoint, in ``seq`` order (position = seq),
  each ``{"event"}`` with the canonical event (which states its own seq) embedded byte for byte
  as a JSON object (see :mod:`zorgafstemming.audit.canonical`), or ``{"leaf"}`` with only the
  base64 RFC 6962
  leaf hash when retention purged the body. The leaf hash covers the event's exact bytes, so a
  bundle must not be re-formatted (pretty-printed) before verification;
- ``checkpoints``: every signed checkpoint note, oldest first, with the time it was sealed;
- ``consistency``: an RFC 9162 consistency proof between each pair of consecutive checkpoints;
- ``public_key``: the verifier key, for convenience only — verify against a key you hold.

Verification needs no database: it recomputes every leaf from its event, the tree head at every
checkpoint size, checks every signature and proof, and compares with a checkpoint held apart.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit import canonical
from zorgafstemming.audit.merkle import HASH_SIZE, Tree, leaf_hash, verify_consistency
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.note import (
    ORIGIN,
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    verify_checkpoint,
)
from zorgafstemming.audit.sealer import canonical_columns
from zorgafstemming.logging import get_logger

FORMAT = "zorgafstemming-audit-bundle/1"
_log = get_logger("zorgafstemming.audit.bundle")


class BundleEvent(msgspec.Struct, omit_defaults=True, gc=False):
    """One sealed event: its canonical bytes, or only its leaf hash once the body is purged.

    (``gc=False``: these hold no references to other objects, and a large bundle decodes
    noticeably faster without the cycle collector walking them.)
    """

    event: msgspec.Raw = msgspec.Raw(b"")
    leaf: bytes = b""


class BundleCheckpoint(msgspec.Struct):
    note: str
    sealed_at: str


class ConsistencyProof(msgspec.Struct):
    first: int
    second: int
    proof: list[bytes]


class Bundle(msgspec.Struct):
    format: str
    origin: str
    public_key: str
    exported_at: str
    events: list[BundleEvent]
    checkpoints: list[BundleCheckpoint]
    consistency: list[ConsistencyProof]


_bundle_decoder = msgspec.json.Decoder(Bundle)


def encode_bundle(bundle: Bundle) -> bytes:
    return msgspec.json.encode(bundle)


async def export_bundle(session: AsyncSession, signing_seed: bytes, now: datetime) -> Bundle:
    """Everything sealed so far as one bundle (reads only; run it in a read transaction)."""
    checkpoints = list(
        (await session.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.tree_size))).all()
    )
    size = checkpoints[-1].tree_size if checkpoints else 0
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
            .where(AuditEvent.seq.is_not(None), AuditEvent.seq < size)
            .order_by(AuditEvent.seq)
        )
    ).all()
    events: list[BundleEvent] = []
    leaves: list[bytes] = []
    for row in rows:
        if row.body_purged_at is None:
            data = canonical.encode(canonical.event_from_row(row, row.seq))
            if leaf_hash(data) != row.leaf_hash:
                # The database was changed behind the triggers' back; export what is there and
                # let verification name the event, rather than hide it.
                _log.error("audit_export_leaf_mismatch", seq=row.seq)
            events.append(BundleEvent(event=msgspec.Raw(data)))
            leaves.append(row.leaf_hash)
        else:
            events.append(BundleEvent(leaf=row.leaf_hash))
            leaves.append(row.leaf_hash)
    tree = Tree(leaves)
    proofs = [
        ConsistencyProof(a.tree_size, b.tree_size, tree.consistency_proof(a.tree_size, b.tree_size))
        for a, b in itertools.pairwise(checkpoints)
        if b.tree_size <= tree.size
    ]
    return Bundle(
        format=FORMAT,
        origin=ORIGIN,
        public_key=Signer(signing_seed).verifier.vkey(),
        exported_at=canonical.format_time(now),
        events=events,
        checkpoints=[
            BundleCheckpoint(note=c.note, sealed_at=canonical.format_time(c.sealed_at))
            for c in checkpoints
        ],
        consistency=proofs,
    )


class VerificationFailed(Exception):
    """The bundle does not verify; the message names the first bad event or checkpoint."""


@dataclass(frozen=True)
class VerifyReport:
    """A verified bundle: how much it held and the checkpoint it ends at."""

    events: int
    purged: int
    checkpoints: int
    tree_size: int
    root: bytes
    trusted_size: int | None
    key_from_bundle: bool


def _diagnose(events: list[BundleEvent], end: int) -> str | None:
    """After a mismatch, look for an event whose own bytes say where it went wrong.

    Only run on failure: the fast path never parses events.
    """
    for index, item in enumerate(events[:end]):
        if not item.event:
            continue
        try:
            decoded = canonical.decode(bytes(item.event))
        except canonical.CanonicalError:
            return f"event seq {index}: not a canonical event (altered)"
        if decoded.seq != index:
            return (
                f"event at position {index} has seq {decoded.seq}: events are missing,"
                " inserted or reordered here"
            )
    return None


def verify_bundle(
    data: bytes, *, public_key: str | None = None, trusted_checkpoint: str | None = None
) -> VerifyReport:
    """Verify a bundle offline; raise ``VerificationFailed`` naming the first problem found."""
    try:
        bundle = _bundle_decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise VerificationFailed(f"not an audit bundle: {exc}") from None
    if bundle.format != FORMAT:
        raise VerificationFailed(f"unknown bundle format {bundle.format!r}")
    try:
        verifier = Verifier.parse(public_key if public_key is not None else bundle.public_key)
    except NoteError as exc:
        raise VerificationFailed(f"public key: {exc}") from None

    # Checkpoints: each signed by the key, for this log, sizes strictly increasing.
    checkpoints: list[Checkpoint] = []
    for number, item in enumerate(bundle.checkpoints, start=1):
        try:
            checkpoint = verify_checkpoint(item.note, verifier, ORIGIN)
        except NoteError as exc:
            raise VerificationFailed(f"checkpoint #{number}: {exc}") from None
        if checkpoints and checkpoint.size <= checkpoints[-1].size:
            raise VerificationFailed(
                f"checkpoint #{number} (size {checkpoint.size}): not larger than the one before"
            )
        checkpoints.append(checkpoint)

    trusted: Checkpoint | None = None
    if trusted_checkpoint is not None:
        try:
            trusted = verify_checkpoint(trusted_checkpoint, verifier, ORIGIN)
        except NoteError as exc:
            raise VerificationFailed(f"trusted checkpoint: {exc}") from None

    # Events: each leaf recomputed from the event's exact bytes (the hot loop; a comprehension
    # rather than a loop with branches, as this is most of the verification time). Positions
    # need no separate check: each event's bytes state its seq and the signed roots cover them.
    events = bundle.events
    # Each leaf is SHA-256(0x00 || event): a copy of a hash that has taken the 0x00 already,
    # fed the event's bytes where they lie (no concatenated copy of every event).
    fresh = hashlib.sha256(b"\x00").copy
    bodies = [entry.event for entry in events]
    purged_at: list[int] = []
    leaves: list[bytes] = []
    add = leaves.append
    if all(bodies):  # the common case: nothing purged, one tight loop
        for body in bodies:
            h = fresh()
            h.update(body)
            add(h.digest())
    else:
        for index, (body, entry) in enumerate(zip(bodies, events, strict=True)):
            if body:
                h = fresh()
                h.update(body)
                add(h.digest())
            else:
                add(entry.leaf)
                purged_at.append(index)
    for index in purged_at:
        if len(leaves[index]) != HASH_SIZE:
            raise VerificationFailed(f"event seq {index}: neither an event nor a leaf hash")

    size = len(leaves)
    last = checkpoints[-1] if checkpoints else None

    def fail(message: str, end: int) -> VerificationFailed:
        return VerificationFailed(_diagnose(events, end) or message)

    if trusted is not None and trusted.size > size:
        raise fail(
            f"trusted checkpoint covers {trusted.size} events but the bundle holds only {size}:"
            " events were cut off the end",
            size,
        )
    if last is None:
        if size:
            raise VerificationFailed("event seq 0: not covered by any checkpoint")
    elif last.size < size:
        raise fail(f"event seq {last.size}: not covered by any checkpoint", size)
    elif last.size > size:
        raise fail(
            f"checkpoint #{len(checkpoints)} (size {last.size}): the bundle holds only {size}"
            " events (events missing at the end)",
            size,
        )

    tree = Tree(leaves)
    previous = 0
    for number, checkpoint in enumerate(checkpoints, start=1):
        if tree.root(checkpoint.size) != checkpoint.root:
            raise fail(
                f"checkpoint #{number} (size {checkpoint.size}): root does not match the"
                f" events; an event from seq {previous} to {checkpoint.size - 1} was altered,"
                " removed or added",
                checkpoint.size,
            )
        previous = checkpoint.size
    roots = {c.size: c.root for c in checkpoints}
    for proof in bundle.consistency:
        first_root, second_root = roots.get(proof.first), roots.get(proof.second)
        if (
            first_root is None
            or second_root is None
            or not verify_consistency(
                proof.first, proof.second, first_root, second_root, proof.proof
            )
        ):
            raise VerificationFailed(
                f"consistency proof {proof.first} -> {proof.second}: does not verify"
            )
    if trusted is not None and tree.root(trusted.size) != trusted.root:
        raise VerificationFailed(
            f"trusted checkpoint (size {trusted.size}): this log is not consistent with it"
        )
    return VerifyReport(
        events=size,
        purged=len(purged_at),
        checkpoints=len(checkpoints),
        tree_size=last.size if last else 0,
        root=last.root if last else tree.root(0),
        trusted_size=trusted.size if trusted else None,
        key_from_bundle=public_key is None,
    )
