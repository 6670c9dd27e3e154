"""Checkpoints as C2SP ``tlog-checkpoint`` bodies inside C2SP ``signed-note`` envelopes, Ed25519.

A checkpoint body is three lines: the log origin, the tree size in decimal, and the base64 root
hash. The note appends an empty line and one signature line per signer:
``— <key name> <base64(key id (4 bytes) || signature (64 bytes))>``. The key id is the first four
bytes of ``SHA-256(key name || 0x0A || 0x01 || public key)``; the verifier key is published as
``<name>+<key id hex>+<base64(0x01 || public key)>``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ORIGIN = "zorgafstemming/audit-log"
_ED25519 = b"\x01"
_DASH = "\u2014 "


class NoteError(ValueError):
    """A note, checkpoint or verifier key that is malformed or whose signature does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    """A verified checkpoint: origin, tree size and root hash."""

    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"


def _key_id(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + _ED25519 + public).digest()[:4]


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    """A named Ed25519 public key as published in a verifier key string."""

    name: str
    public: bytes

    @property
    def key_id(self) -> bytes:
        return _key_id(self.name, self.public)

    def vkey(self) -> str:
        encoded = base64.b64encode(_ED25519 + self.public).decode()
        return f"{self.name}+{self.key_id.hex()}+{encoded}"

    @classmethod
    def parse(cls, vkey: str) -> Verifier:
        """Parse ``name+keyid+base64key``; refuses a key id that does not match the key."""
        # The name holds no "+", the base64 key may: split on the first two only.
        parts = vkey.strip().split("+", 2)
        if len(parts) != 3:
            raise NoteError("verifier key is not name+keyid+key")
        name, key_id_hex, encoded = parts
        try:
            raw = base64.b64decode(encoded, validate=True)
            key_id = bytes.fromhex(key_id_hex)
        except (binascii.Error, ValueError):
            raise NoteError("verifier key is not valid hex/base64") from None
        if len(raw) != 33 or raw[:1] != _ED25519:
            raise NoteError("verifier key is not an Ed25519 key")
        verifier = cls(name, raw[1:])
        if verifier.key_id != key_id:
            raise NoteError("verifier key id does not match the key")
        return verifier


class Signer:
    """An Ed25519 note signer built from a 32-byte seed kept outside the database."""

    def __init__(self, seed: bytes, name: str = ORIGIN) -> None:
        if len(seed) != 32:
            raise NoteError("the signing seed must be 32 bytes")
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self.verifier = Verifier(name, _raw_public(self._key.public_key()))

    def sign(self, text: str) -> str:
        """Return the signed note of ``text`` (which must end in a newline)."""
        if not text.endswith("\n"):
            raise NoteError("note text must end with a newline")
        signature = self._key.sign(text.encode())
        blob = base64.b64encode(self.verifier.key_id + signature).decode()
        return f"{text}\n{_DASH}{self.verifier.name} {blob}\n"

    def checkpoint(self, size: int, root: bytes, origin: str = ORIGIN) -> str:
        return self.sign(Checkpoint(origin, size, root).body())


def open_note(note: str, verifier: Verifier) -> str:
    """Return the text of ``note`` when ``verifier`` signed it; otherwise raise ``NoteError``."""
    text, sep, signatures = note.rpartition("\n\n")
    if not sep or not signatures.endswith("\n"):
        raise NoteError("not a signed note")
    text += "\n"
    for line in signatures[:-1].split("\n"):
        if not line.startswith(_DASH):
            raise NoteError("malformed signature line")
        name, _, blob = line[len(_DASH) :].rpartition(" ")
        if name != verifier.name:
            continue
        try:
            raw = base64.b64decode(blob, validate=True)
        except binascii.Error:
            raise NoteError("signature is not base64") from None
        if len(raw) != 68 or raw[:4] != verifier.key_id:
            continue
        try:
            Ed25519PublicKey.from_public_bytes(verifier.public).verify(raw[4:], text.encode())
        except InvalidSignature:
            raise NoteError("signature does not verify") from None
        return text
    raise NoteError("no signature by the expected key")


def parse_checkpoint(text: str) -> Checkpoint:
    """Parse a checkpoint body (origin, size, base64 root, optional extension lines)."""
    lines = text.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise NoteError("checkpoint has fewer than three lines")
    origin, size_text, root_text = lines[0], lines[1], lines[2]
    if not origin or not size_text.isdigit() or (size_text != "0" and size_text[0] == "0"):
        raise NoteError("checkpoint origin or size is malformed")
    try:
        root = base64.b64decode(root_text, validate=True)
    except binascii.Error:
        raise NoteError("checkpoint root is not base64") from None
    if len(root) != 32:
        raise NoteError("checkpoint root is not a SHA-256 hash")
    return Checkpoint(origin, int(size_text), root)


def verify_checkpoint(note: str, verifier: Verifier, origin: str = ORIGIN) -> Checkpoint:
    """Check the signature and the origin of a checkpoint note and return what it states."""
    checkpoint = parse_checkpoint(open_note(note, verifier))
    if checkpoint.origin != origin:
        raise NoteError("checkpoint is for another log")
    return checkpoint
