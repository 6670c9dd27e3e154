"""Audit bundles: export the sealed log with its checkpoints and proofs, and verify one offline.

The document is described in :mod:`zorgafstemming.audit.bundle_format`; a bundle of a selection
(an inquiry's filter) is made and checked in :mod:`zorgafstemming.audit.selection`.

Verification needs no database: it recomputes every leaf from its event, the tree head at every
checkpoint size, checks every signature and proof, and compares with a checkpoint held apart.
When something was changed it names the first changed event: the leaf hashes the log stored are
in the bundle, and once the signed roots vouch for them, the first event whose bytes no longer
hash to its stored leaf is the one that was changed.
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import datetime

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit import canonical
from zorgafstemming.audit.bundle_format import (
    FORMAT,
    FORMAT_V1,
    SCOPE_LOG,
    SCOPE_SELECTION,
    Bundle,
    BundleCheckpoint,
    BundleEvent,
    ConsistencyProof,
    VerificationFailed,
    VerifyReport,
    decode_bundle,
    encode_bundle,
    event_name,
)
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
from zorgafstemming.audit.selection_verify import verify_selection
from zorgafstemming.logging import get_logger

__all__ = [
    "FORMAT",
    "Bundle",
    "BundleCheckpoint",
    "BundleEvent",
    "ConsistencyProof",
    "VerificationFailed",
    "VerifyReport",
    "encode_bundle",
    "export_bundle",
    "verify_bundle",
]

_log = get_logger("zorgafstemming.audit.bundle")


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
    log: list[msgspec.Raw] = []
    purged: list[int] = []
    leaves: list[bytes] = []
    for row in rows:
        if row.body_purged_at is None:
            data = canonical.encode(canonical.event_from_row(row, row.seq))
            if leaf_hash(data) != row.leaf_hash:
                # The database was changed behind the triggers' back; export what is there and
                # let verification name the event, rather than hide it.
                _log.error("audit_export_leaf_mismatch", seq=row.seq)
            log.append(msgspec.Raw(data))
        else:
            purged.append(row.seq)
        leaves.append(row.leaf_hash)
    tree = Tree(leaves)
    proofs = [
        ConsistencyProof(a.tree_size, b.tree_size, tree.consistency_proof(a.tree_size, b.tree_size))
        for a, b in itertools.pairwise(checkpoints)
        if b.tree_size <= tree.size
    ]
    return Bundle(
        format=FORMAT,
        scope=SCOPE_LOG,
        origin=ORIGIN,
        public_key=Signer(signing_seed).verifier.vkey(),
        exported_at=canonical.format_time(now),
        checkpoints=[
            BundleCheckpoint(note=c.note, sealed_at=canonical.format_time(c.sealed_at))
            for c in checkpoints
        ],
        consistency=proofs,
        leaves=b"".join(leaves),
        purged=purged,
        log=log,
    )


# An event's body as the bundle holds it (canonical bytes); empty once purged.
Body = msgspec.Raw | bytes


def _diagnose(bodies: list[Body], end: int) -> str | None:
    """After a mismatch, look for an event whose own bytes say where it went wrong.

    Only run on failure: the fast path never parses events.
    """
    for index, body in enumerate(bodies[:end]):
        if not body:
            continue
        try:
            decoded = canonical.decode(bytes(body))
        except canonical.CanonicalError:
            return f"event seq {index}: not a canonical event (altered)"
        if decoded.seq != index:
            return (
                f"event at position {index} has seq {decoded.seq}: events are missing,"
                " inserted or reordered here"
            )
    return None


def _covering(checkpoints: list[Checkpoint], seq: int) -> str:
    for number, checkpoint in enumerate(checkpoints, start=1):
        if seq < checkpoint.size:
            return f"checkpoint #{number} (size {checkpoint.size})"
    return "no checkpoint"


def _first_changed(
    bodies: list[Body], leaves: list[bytes], stored: bytes, checkpoints: list[Checkpoint]
) -> str | None:
    """Name the first changed event, when the stored leaf hashes let us (slow path only).

    The stored leaves are trusted only once the tree over them gives every signed root; then
    the first event whose bytes hash to another leaf is the changed one.
    """
    if not stored or len(stored) != HASH_SIZE * len(leaves):
        return None
    originals = [stored[i : i + HASH_SIZE] for i in range(0, len(stored), HASH_SIZE)]
    tree = Tree(originals)
    if any(c.size > tree.size or tree.root(c.size) != c.root for c in checkpoints):
        return None
    for seq, (leaf, original) in enumerate(zip(leaves, originals, strict=True)):
        if leaf != original:
            what = "changed" if bodies[seq] else "passed off as purged with another hash"
            return (
                f"{event_name(seq, bytes(bodies[seq]))}: {what}; it no longer matches"
                f" the leaf hash that {_covering(checkpoints, seq)} covers"
            )
    return None


def _bodies_v1(bundle: Bundle) -> tuple[list[Body], dict[int, bytes]]:
    """Version 1: every event in ``events``, the purged as their leaf hash."""
    bodies: list[Body] = [entry.event for entry in bundle.events]
    purged = {i: entry.leaf for i, entry in enumerate(bundle.events) if not entry.event}
    return bodies, purged


def _bodies_v2(bundle: Bundle) -> tuple[list[Body], dict[int, bytes]]:
    """Version 2: the bodies in ``log``, the purged positions given apart with their leaf
    hashes from ``leaves`` (which the signed roots vouch for)."""
    if not bundle.purged:
        return list(bundle.log), {}
    size = len(bundle.log) + len(bundle.purged)
    if sorted(set(bundle.purged)) != bundle.purged or not 0 <= bundle.purged[0] < size:
        raise VerificationFailed("purged positions: not increasing positions inside the log")
    if bundle.purged[-1] >= size:
        raise VerificationFailed(
            f"purged position {bundle.purged[-1]}: beyond the {size} events of the bundle"
        )
    stored = bundle.leaves
    purged = {seq: stored[seq * HASH_SIZE : (seq + 1) * HASH_SIZE] for seq in bundle.purged}
    bodies: list[Body] = []
    rest = iter(bundle.log)
    previous = 0
    for seq in bundle.purged:  # the bodies between two purged positions, then a gap
        bodies.extend(itertools.islice(rest, seq - previous))
        bodies.append(b"")
        previous = seq + 1
    bodies.extend(rest)
    return bodies, purged


def _leaves_of(bodies: list[Body], purged: dict[int, bytes]) -> list[bytes]:
    """Every event's leaf hash recomputed from its bytes (the purged keep theirs).
    The hot loop of a verification: kept to a few calls per event."""
    # Each leaf is SHA-256(0x00 || event): a copy of a hash that has taken the 0x00 already,
    # fed the event's bytes where they lie (no concatenated copy of every event).
    fresh = hashlib.sha256(b"\x00").copy
    leaves: list[bytes] = []
    add = leaves.append
    if not purged:  # the common case: nothing purged, one tight loop
        for body in bodies:
            h = fresh()
            h.update(body)
            add(h.digest())
        return leaves
    for index, body in enumerate(bodies):
        if body:
            h = fresh()
            h.update(body)
            add(h.digest())
        else:
            leaf = purged.get(index, b"")
            if len(leaf) != HASH_SIZE:
                raise VerificationFailed(f"event seq {index}: neither an event nor a leaf hash")
            add(leaf)
    return leaves


def _verify_checkpoints(bundle: Bundle, verifier: Verifier) -> list[Checkpoint]:
    """Each checkpoint signed by the key, for this log, sizes strictly increasing."""
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
    return checkpoints


def verify_bundle(
    data: bytes, *, public_key: str | None = None, trusted_checkpoint: str | None = None
) -> VerifyReport:
    """Verify a bundle offline; raise ``VerificationFailed`` naming the first problem found."""
    try:
        bundle = decode_bundle(data)
    except msgspec.DecodeError as exc:
        raise VerificationFailed(f"not an audit bundle: {exc}") from None
    if bundle.format not in (FORMAT, FORMAT_V1):
        raise VerificationFailed(f"unknown bundle format {bundle.format!r}")
    scopes = (SCOPE_LOG, SCOPE_SELECTION) if bundle.format == FORMAT else ("", SCOPE_LOG)
    if bundle.scope not in scopes:
        raise VerificationFailed(f"unknown bundle scope {bundle.scope!r}")
    try:
        verifier = Verifier.parse(public_key if public_key is not None else bundle.public_key)
    except NoteError as exc:
        raise VerificationFailed(f"public key: {exc}") from None
    trusted: Checkpoint | None = None
    if trusted_checkpoint is not None:
        try:
            trusted = verify_checkpoint(trusted_checkpoint, verifier, ORIGIN)
        except NoteError as exc:
            raise VerificationFailed(f"trusted checkpoint: {exc}") from None
    checkpoints = _verify_checkpoints(bundle, verifier)
    if bundle.scope == SCOPE_SELECTION:
        return verify_selection(
            bundle, verifier, checkpoints, trusted, key_from_bundle=public_key is None
        )
    return _verify_log(bundle, checkpoints, trusted, key_from_bundle=public_key is None)


def _verify_log(
    bundle: Bundle,
    checkpoints: list[Checkpoint],
    trusted: Checkpoint | None,
    *,
    key_from_bundle: bool,
) -> VerifyReport:
    # Positions need no separate check: each event's bytes state its seq and the signed roots
    # cover them.
    v2 = bundle.format == FORMAT
    if v2 and bundle.events:
        raise VerificationFailed("a whole-log bundle of version 2 lists its events in `log`")
    bodies, purged = _bodies_v2(bundle) if v2 else _bodies_v1(bundle)
    leaves = _leaves_of(bodies, purged)
    size = len(leaves)
    stored = bundle.leaves if v2 and len(bundle.leaves) == HASH_SIZE * size else b""
    last = checkpoints[-1] if checkpoints else None

    def fail(message: str, end: int) -> VerificationFailed:
        return VerificationFailed(
            _diagnose(bodies, end) or _first_changed(bodies, leaves, stored, checkpoints) or message
        )

    if v2 and len(bundle.leaves) != HASH_SIZE * size:
        raise fail(
            f"the bundle holds {size} events but {len(bundle.leaves) // HASH_SIZE} leaf hashes:"
            " events or leaf hashes were removed or added",
            size,
        )
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
    if stored and b"".join(leaves) != stored:
        seq = next(
            i
            for i, leaf in enumerate(leaves)
            if stored[i * HASH_SIZE : (i + 1) * HASH_SIZE] != leaf
        )
        raise VerificationFailed(
            f"leaf hash of seq {seq}: differs from its event, which the signed roots vouch"
            " for (the list of leaf hashes was altered)"
        )
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
        purged=len(purged),
        checkpoints=len(checkpoints),
        tree_size=last.size if last else 0,
        root=last.root if last else tree.root(0),
        trusted_size=trusted.size if trusted else None,
        key_from_bundle=key_from_bundle,
    )
