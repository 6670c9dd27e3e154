"""The bundle document: what ``audit export`` writes and ``audit verify`` reads.

One JSON document, ``format: zorgafstemming-audit-bundle/2`` (version 1 is still read), with a
``scope``:

- ``log``: the whole sealed log up to the latest checkpoint. ``leaves`` holds every RFC 6962
  leaf hash as the log stored it, in ``seq`` order (base64 of their concatenation), so a changed
  event is named, not only the checkpoint range it falls in; ``purged`` the positions of the
  events whose body retention purged (only their leaf hash remains); ``log`` the canonical bytes
  of every other event in ``seq`` order, each embedded byte for byte as a JSON object (see
  :mod:`zorgafstemming.audit.canonical`); ``checkpoints`` every signed checkpoint, oldest first;
  ``consistency`` an RFC 9162 consistency proof between each consecutive pair. (Version 1 had
  no ``leaves`` and listed every event in ``events`` as ``{"event"}`` or ``{"leaf"}``.)
- ``selection``: the events that match a filter (period, file, account), for an inquiry.
  ``events`` holds the matching sealed events in ``seq`` order, each with its ``seq``, its
  ``leaf`` hash, its canonical ``event`` (absent once purged) and its RFC 9162 inclusion
  ``proof`` against the one checkpoint in ``checkpoints`` (the latest when exported);
  ``selection`` is a note signed with the log's key that states the filter, that checkpoint, how
  many events matched and a digest of their positions and leaf hashes, so an event left out or
  slipped in is caught as surely as a changed one.

``public_key`` is the verifier key, for convenience only: verify against a key you hold. The leaf
hash covers each event's exact bytes, so a bundle must not be re-formatted (pretty-printed)
before verification.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from zorgafstemming.audit import canonical

FORMAT = "zorgafstemming-audit-bundle/2"
FORMAT_V1 = "zorgafstemming-audit-bundle/1"
SCOPE_LOG = "log"
SCOPE_SELECTION = "selection"


class BundleEvent(msgspec.Struct, omit_defaults=True, gc=False):
    """One sealed event: its canonical bytes, or only its leaf hash once the body is purged.

    In a selection it also states its position (``seq``), its leaf hash as the log stored it and
    its inclusion proof. (``gc=False``: these hold no references to other objects, and a large
    bundle decodes noticeably faster without the cycle collector walking them.)
    """

    seq: int = -1
    event: msgspec.Raw = msgspec.Raw(b"")
    leaf: bytes = b""
    proof: tuple[bytes, ...] = ()


class BundleCheckpoint(msgspec.Struct):
    note: str
    sealed_at: str


class ConsistencyProof(msgspec.Struct):
    first: int
    second: int
    proof: list[bytes]


class Bundle(msgspec.Struct, kw_only=True, omit_defaults=True):
    format: str
    scope: str = ""  # ``log`` or ``selection``; absent in version 1 (always the whole log)
    origin: str
    public_key: str
    exported_at: str
    selection: str | None = None
    checkpoints: list[BundleCheckpoint]
    consistency: list[ConsistencyProof] = []
    # Whole log, version 2: every leaf hash as stored, the positions of the purged events, and
    # the bodies of all the others in seq order (the canonical events themselves, unwrapped:
    # the fastest layout to read).
    leaves: bytes = b""
    purged: list[int] = []
    log: list[msgspec.Raw] = []
    # A selection, and the whole log in version 1.
    events: list[BundleEvent] = []


_bundle_decoder = msgspec.json.Decoder(Bundle)


def encode_bundle(bundle: Bundle) -> bytes:
    return msgspec.json.encode(bundle)


def decode_bundle(data: bytes) -> Bundle:
    """Parse a bundle; raises ``msgspec.DecodeError`` (``ValidationError``) on anything else."""
    return _bundle_decoder.decode(data)


def event_name(seq: int, body: bytes) -> str:
    """How a message names an event: its seq, and its id when its bytes still state one."""
    try:
        decoded = msgspec.json.decode(body) if body else None
    except msgspec.DecodeError:
        decoded = None
    event_id = decoded.get("id") if isinstance(decoded, dict) else None
    if isinstance(event_id, str) and canonical.is_token(event_id):
        return f"event seq {seq} (id {event_id})"
    return f"event seq {seq}"


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
    scope: str = SCOPE_LOG
    # A selection's filter as the signed note states it, e.g. ("file 0a1b2c3d4e",).
    selection: tuple[str, ...] = ()


def event_count(bundle: Bundle) -> int:
    """How many events a bundle holds, whatever its layout."""
    return len(bundle.events) + len(bundle.log) + len(bundle.purged)
