"""Offline verification of a selection bundle (see :mod:`zorgafstemming.audit.selection`).

Every event is checked on its own: its bytes hash to the leaf hash it carries, and that leaf sits
at its ``seq`` under the one signed checkpoint (its inclusion proof). The signed selection note
then vouches for the whole: the same checkpoint, the filter, and exactly these events (count and
digest of their positions and leaf hashes), so an event removed, added or swapped is refused too.
A changed event is named by its seq and id.
"""

from __future__ import annotations

from zorgafstemming.audit import canonical
from zorgafstemming.audit.bundle_format import (
    SCOPE_SELECTION,
    Bundle,
    BundleEvent,
    VerificationFailed,
    VerifyReport,
    event_name,
)
from zorgafstemming.audit.merkle import EMPTY_ROOT, HASH_SIZE, leaf_hash, verify_inclusion
from zorgafstemming.audit.note import Checkpoint, NoteError, Verifier, open_note
from zorgafstemming.audit.selection import (
    Manifest,
    Selection,
    parse_manifest,
    selection_digest,
)


def _check_event(entry: BundleEvent, size: int, root: bytes, selection: Selection) -> bool:
    """Check one event against the checkpoint; True when its body was purged."""
    seq = entry.seq
    where = f"the checkpoint (size {size})"
    if len(entry.leaf) != HASH_SIZE:
        raise VerificationFailed(f"{event_name(seq, bytes(entry.event))}: its leaf hash is missing")
    if not entry.event:
        if not verify_inclusion(entry.leaf, seq, size, entry.proof, root):
            raise VerificationFailed(
                f"event seq {seq} (purged): its leaf hash or inclusion proof was changed; it is"
                f" not under {where}"
            )
        if not selection.matches_purged():
            raise VerificationFailed(
                f"event seq {seq} (purged): a purged event cannot match a file or account filter"
            )
        return True
    body = bytes(entry.event)
    name = event_name(seq, body)
    recomputed = leaf_hash(body)
    if not verify_inclusion(entry.leaf, seq, size, entry.proof, root):
        if verify_inclusion(recomputed, seq, size, entry.proof, root):
            raise VerificationFailed(f"{name}: its leaf hash was changed")
        raise VerificationFailed(
            f"{name}: its inclusion proof does not verify against {where}; the proof was"
            " changed, or the event together with its leaf hash"
        )
    if recomputed != entry.leaf:
        raise VerificationFailed(
            f"{name}: changed; its bytes no longer hash to the leaf that {where} covers"
        )
    try:
        decoded = canonical.decode(body)
    except canonical.CanonicalError:
        raise VerificationFailed(f"{name}: not a canonical event") from None
    if decoded.seq != seq:
        raise VerificationFailed(f"{name}: its bytes state seq {decoded.seq}")
    if not selection.matches(decoded):
        raise VerificationFailed(f"{name}: does not match the selection")
    return False


def _manifest(bundle: Bundle, verifier: Verifier) -> Manifest:
    if not bundle.selection:
        raise VerificationFailed("selection note: missing")
    try:
        text = open_note(bundle.selection, verifier)
    except NoteError as exc:
        raise VerificationFailed(f"selection note: {exc}") from None
    return parse_manifest(text)


def verify_selection(
    bundle: Bundle,
    verifier: Verifier,
    checkpoints: list[Checkpoint],
    trusted: Checkpoint | None,
    *,
    key_from_bundle: bool,
) -> VerifyReport:
    """Verify a selection bundle whose checkpoints were already checked against ``verifier``."""
    if bundle.log or bundle.purged or bundle.leaves or bundle.consistency:
        raise VerificationFailed("a selection lists its events, with their proofs, in `events`")
    if len(checkpoints) > 1:
        raise VerificationFailed(
            f"a selection is proved against one checkpoint; this bundle holds {len(checkpoints)}"
        )
    manifest = _manifest(bundle, verifier)
    checkpoint = checkpoints[0] if checkpoints else Checkpoint("", 0, EMPTY_ROOT)
    size, root = checkpoint.size, checkpoint.root
    if (manifest.size, manifest.root) != (size, root):
        raise VerificationFailed(
            f"selection note: signed for the checkpoint of size {manifest.size}, but the bundle"
            f" holds the one of size {size}"
        )
    previous = -1
    purged = 0
    for entry in bundle.events:
        seq = entry.seq
        if seq < 0:
            raise VerificationFailed(
                f"the event after seq {previous}: its seq is missing (not a selection event)"
            )
        if seq <= previous:
            raise VerificationFailed(
                f"event seq {seq}: out of order or repeated (it follows seq {previous})"
            )
        if seq >= size:
            raise VerificationFailed(
                f"event seq {seq}: not covered by the checkpoint (size {size})"
            )
        previous = seq
        purged += _check_event(entry, size, root, manifest.selection)
    held = len(bundle.events)
    if held != manifest.count:
        raise VerificationFailed(
            f"selection note: {manifest.count} events matched, but the bundle holds {held}:"
            " events were removed or added"
        )
    if selection_digest((e.seq, e.leaf) for e in bundle.events) != manifest.digest:
        raise VerificationFailed(
            "selection note: these are not the events that matched (events were swapped)"
        )
    if trusted is not None:
        if trusted.size != size:
            raise VerificationFailed(
                f"trusted checkpoint (size {trusted.size}): a selection proves its events"
                f" against one checkpoint only (size {size}); verify against that one, or"
                " verify a whole-log export against the trusted checkpoint"
            )
        if trusted.root != root:
            raise VerificationFailed(
                f"trusted checkpoint (size {trusted.size}): this log is not consistent with it"
            )
    return VerifyReport(
        events=held,
        purged=purged,
        checkpoints=len(checkpoints),
        tree_size=size,
        root=root,
        trusted_size=trusted.size if trusted else None,
        key_from_bundle=key_from_bundle,
        scope=SCOPE_SELECTION,
        selection=tuple(manifest.selection.lines()),
    )
