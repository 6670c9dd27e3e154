"""The field-encryption value format: its layout, the associated data of a value and of a
wrapped data key, and an owner's unwrapped keys (:class:`DataKey`).

Value format (bytes): ``version(1) ‖ key_id(4, big-endian) ‖ nonce(12) ‖ ciphertext ‖ tag(16)``,
AES-256-GCM under the owner's data key. The associated data is the canonical length-prefixed
tuple (version, key_id, table, column, row id). :class:`~zorgafstemming.crypto.fields.FieldCipher`
encrypts, decrypts, wraps and caches with what is defined here.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from zorgafstemming.crypto.keyring import length_prefixed

FORMAT_VERSION = 1
KEY_ID_BYTES = 4
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 1 + KEY_ID_BYTES
PREFIX_BYTES = HEADER_BYTES + NONCE_BYTES
MIN_VALUE_BYTES = PREFIX_BYTES + TAG_BYTES
DATA_KEY_BYTES = 32
BLIND_INDEX_BYTES = 16
WRAP_LABEL = b"zorgafstemming data key v1"
BLIND_INDEX_LABEL = b"zorgafstemming blind index v1"

ACCOUNTS_OWNER = ("accounts", uuid.UUID(int=0))
"""The owner of the shared data key for account secrets (TOTP seeds, emails)."""

_UUID_LENGTH = struct.pack(">I", 16)


class DecryptionError(Exception):
    """A value cannot be decrypted: wrong key, row, column, format, or tampered with."""


def wrap_aad(kek_version: int, owner_kind: str, owner_id: uuid.UUID, generation: int) -> bytes:
    """Associated data of a wrapped data key: binds the KEK version and the owner."""
    return length_prefixed(
        WRAP_LABEL,
        struct.pack(">I", kek_version),
        owner_kind.encode(),
        owner_id.bytes,
        struct.pack(">I", generation),
    )


def value_aad(key_id: int, table: str, column: str, row_id: uuid.UUID) -> bytes:
    """Associated data of an encrypted value: (version, key_id, table, column, row id)."""
    return length_prefixed(
        bytes((FORMAT_VERSION,)),
        struct.pack(">I", key_id),
        table.encode(),
        column.encode(),
        row_id.bytes,
    )


class KeySlot:
    """One unwrapped data key, with what every value under it starts with, precomputed."""

    __slots__ = ("aad_head", "aad_prefixes", "aead", "decrypt", "encrypt", "header")

    def __init__(self, key_id: int, raw: bytes) -> None:
        self.aead = AESGCM(raw)
        self.encrypt = self.aead.encrypt
        self.decrypt = self.aead.decrypt
        # version ‖ key_id: the first bytes of every value under this key.
        self.header = bytes((FORMAT_VERSION,)) + struct.pack(">I", key_id)
        # Length-prefixed (version, key_id): the start of every value's AAD.
        self.aad_head = length_prefixed(self.header[:1], self.header[1:])
        # Per (table, column): the whole AAD but the row id's bytes (few columns exist).
        self.aad_prefixes: dict[tuple[str, str], bytes] = {}

    def aad_prefix(self, table: str, column: str) -> bytes:
        prefix = self.aad_head + length_prefixed(table.encode(), column.encode()) + _UUID_LENGTH
        self.aad_prefixes[(table, column)] = prefix
        return prefix


@dataclass(frozen=True, slots=True)
class DataKey:
    """An owner's data keys, unwrapped: the current one for new values, all for reading.

    Valid only inside the transaction that loaded it (a rotation may replace the keys after).
    """

    owner_kind: str
    owner_id: uuid.UUID
    key_id: int
    _slots: Mapping[int, KeySlot] = field(repr=False)
    _current: KeySlot = field(init=False, repr=False, compare=False)
    _by_header: Mapping[bytes, KeySlot] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_current", self._slots[self.key_id])
        object.__setattr__(self, "_by_header", {s.header: s for s in self._slots.values()})

    @property
    def key_ids(self) -> frozenset[int]:
        """Every key id this owner's values may carry (the current one and any retiring)."""
        return frozenset(self._slots)
