"""Per-field encryption with per-owner data keys, blind indexes and crypto-shredding.

Value format (bytes): ``version(1) ‖ key_id(4, big-endian) ‖ nonce(12) ‖ ciphertext ‖ tag(16)``,
AES-256-GCM under the owner's data key with a fresh random nonce. The associated data is the
canonical length-prefixed tuple (version, key_id, table, column, row id), so a value moved to
another row, column or key does not decrypt. Services call :meth:`FieldCipher.encrypt` and
:meth:`FieldCipher.decrypt` explicitly with the row id; no column type ever sees a key.

Data keys are random 256-bit keys, one per owner (``("file", file_id)`` or
:data:`ACCOUNTS_OWNER`), stored in ``data_keys`` only wrapped by the KEK
(:mod:`zorgafstemming.crypto.keyring`), the wrap's associated data binding the KEK version and the
owner. :meth:`FieldCipher.shred` deletes an owner's data keys and blind-index values in the
caller's transaction, after which the owner's ciphertexts cannot be decrypted by anyone. The
format itself (layout, associated data, unwrapped keys) is :mod:`.field_format`.
"""

from __future__ import annotations

import hmac
import os
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.crypto.field_format import (
    ACCOUNTS_OWNER,
    BLIND_INDEX_BYTES,
    BLIND_INDEX_LABEL,
    DATA_KEY_BYTES,
    FORMAT_VERSION,
    HEADER_BYTES,
    MIN_VALUE_BYTES,
    NONCE_BYTES,
    PREFIX_BYTES,
    DataKey,
    DecryptionError,
    KeySlot,
    wrap_aad,
)
from zorgafstemming.crypto.keyring import KekProvider, KekUnavailable, UnwrapError
from zorgafstemming.crypto.models import (
    KEY_ACTIVE,
    KEY_DUE,
    BlindIndex,
    DataKeyRecord,
)
from zorgafstemming.db import among, utcnow

_CACHE_SIZE = 4096
CACHE_SECONDS = 300.0


# (session, owner kind, {owner id: shredded key ids}) -> awaitable, run in the shred's transaction.
ShredHook = Callable[[AsyncSession, str, dict[uuid.UUID, list[int]]], Awaitable[None]]


class FieldCipher:
    """Encrypts and decrypts field values and maintains blind indexes; see the module doc."""

    def __init__(
        self, kek: KekProvider, index_key: bytes, *, cache_seconds: float = CACHE_SECONDS
    ) -> None:
        self.kek = kek
        self._index_key = index_key
        self._column_keys: dict[str, bytes] = {}
        # Unwrapped keys by key id, checked against the stored row (owner, generation, KEK
        # version, wrapped bytes) read in the same transaction on every use, so a key that was
        # shredded or rewrapped — by any instance — is never served from the cache. Bounded in
        # number and in age (``cache_seconds``), so key material does not linger in memory and
        # a KEK on a token (an HSM) is asked again now and then.
        self._cache: OrderedDict[int, tuple[tuple[Any, ...], KeySlot, float]] = OrderedDict()
        self._cache_seconds = cache_seconds
        # Told of every shred in the shredding transaction (the deletion ledger); see shred_many.
        self.shred_hook: ShredHook | None = None

    # -- data keys ---------------------------------------------------------------------------

    def wrap_key(
        self, raw: bytes, owner_kind: str, owner_id: uuid.UUID, generation: int
    ) -> tuple[int, bytes]:
        """A data key wrapped under the active KEK: (kek_version, wrapped)."""
        version = self.kek.active_version
        return version, self.kek.wrap(
            version, raw, wrap_aad(version, owner_kind, owner_id, generation)
        )

    async def insert_key(
        self,
        session: AsyncSession,
        owner_kind: str,
        owner_id: uuid.UUID,
        generation: int,
        status: str = KEY_ACTIVE,
    ) -> None:
        """Create a random data key for the owner, wrapped under the newest KEK version."""
        raw = os.urandom(DATA_KEY_BYTES)
        self.kek.refresh()
        kek_version, wrapped = self.wrap_key(raw, owner_kind, owner_id, generation)
        slot = {"owner_kind": owner_kind, "owner_id": owner_id, "generation": generation}
        await session.execute(
            insert(DataKeyRecord).values(
                **slot,
                status=status,
                kek_version=kek_version,
                wrapped_key=wrapped,
                created_at=utcnow(),
            )
        )
        # A KEK rotation may have added a version between the wrap and the insert. Checking
        # again after the insert closes the gap: either this check sees the new version, or the
        # rotation's final count (which waits for this transaction) sees this row.
        self.kek.refresh()
        if self.kek.active_version != kek_version:
            kek_version, wrapped = self.wrap_key(raw, owner_kind, owner_id, generation)
            await session.execute(
                update(DataKeyRecord)
                .filter_by(**slot)
                .values(kek_version=kek_version, wrapped_key=wrapped)
            )

    def unwrap_slot(
        self,
        key_id: int,
        owner_kind: str,
        owner_id: uuid.UUID,
        generation: int,
        kek_version: int,
        wrapped: bytes,
    ) -> KeySlot:
        """The usable key of one ``data_keys`` row (cached); raises DecryptionError if tampered."""
        check = (owner_kind, owner_id, generation, kek_version, bytes(wrapped))
        now = time.monotonic()
        cached = self._cache.get(key_id)
        if cached is not None and cached[0] == check and cached[2] > now:
            self._cache.move_to_end(key_id)
            return cached[1]
        try:
            raw = self.kek.unwrap(
                kek_version, bytes(wrapped), wrap_aad(kek_version, owner_kind, owner_id, generation)
            )
        except UnwrapError:
            raise DecryptionError(f"data key {key_id} does not unwrap for its owner") from None
        except KekUnavailable:
            raise DecryptionError(
                f"data key {key_id} is wrapped by KEK version {kek_version}, which is not held"
            ) from None
        slot = KeySlot(key_id, raw)
        self._cache[key_id] = (check, slot, now + self._cache_seconds)
        self._cache.move_to_end(key_id)
        # The least recently used first: drop those past their age, and any beyond the bound.
        while self._cache:
            oldest = next(iter(self._cache.values()))
            if oldest[2] > now and len(self._cache) <= _CACHE_SIZE:
                break
            self._cache.popitem(last=False)
        return slot

    def holds_key_of(self, owner_kind: str, owner_id: uuid.UUID) -> bool:
        """True while an unwrapped key of the owner is in this process's cache."""
        now = time.monotonic()
        return any(
            check[0] == owner_kind and check[1] == owner_id and expires > now
            for check, _, expires in self._cache.values()
        )

    def forget_owner(self, owner_kind: str, owner_id: uuid.UUID, keep: frozenset[int]) -> None:
        """Drop the owner's cached keys other than ``keep`` (its rows are gone or replaced)."""
        stale = [
            key_id
            for key_id, (check, _, _) in self._cache.items()
            if check[0] == owner_kind and check[1] == owner_id and key_id not in keep
        ]
        for key_id in stale:
            del self._cache[key_id]

    def _data_key(self, owner_kind: str, owner_id: uuid.UUID, rows: Iterable[Any]) -> DataKey:
        slots: dict[int, KeySlot] = {}
        # The current key: the active one, or (before a rotation replaced it) the due one.
        best: tuple[bool, int, int] | None = None
        for row in rows:
            slots[row.key_id] = self.unwrap_slot(
                row.key_id, owner_kind, owner_id, row.generation, row.kek_version, row.wrapped_key
            )
            if row.status in (KEY_ACTIVE, KEY_DUE):
                rank = (row.status == KEY_ACTIVE, row.generation, row.key_id)
                if best is None or rank > best:
                    best = rank
        if best is None:
            raise LookupError("owner has no current data key")
        return DataKey(owner_kind, owner_id, best[2], slots)

    def key_from_rows(
        self, owner_kind: str, owner_id: uuid.UUID, rows: Iterable[Any]
    ) -> DataKey | None:
        """The owner's data keys from ``data_keys`` rows a caller read itself (taken FOR SHARE
        as :meth:`load_key` takes them), or None when none of them is current."""
        rows = list(rows)
        if not any(row.status in (KEY_ACTIVE, KEY_DUE) for row in rows):
            return None
        return self._data_key(owner_kind, owner_id, rows)

    async def load_key(
        self, session: AsyncSession, owner_kind: str, owner_id: uuid.UUID
    ) -> DataKey | None:
        """The owner's data keys, or None when it has no current one (never creates)."""
        # FOR SHARE (PostgreSQL): a rotation cannot switch or rewrap these keys while this
        # transaction uses them, so values written or read here always match a loaded key.
        rows = (
            await session.execute(
                select(
                    DataKeyRecord.key_id,
                    DataKeyRecord.generation,
                    DataKeyRecord.status,
                    DataKeyRecord.kek_version,
                    DataKeyRecord.wrapped_key,
                )
                .where(DataKeyRecord.owner_kind == owner_kind, DataKeyRecord.owner_id == owner_id)
                .with_for_update(read=True)
            )
        ).all()
        if not any(row.status in (KEY_ACTIVE, KEY_DUE) for row in rows):
            if not rows:
                # Shredded (perhaps by another instance): its keys leave this cache at once.
                self.forget_owner(owner_kind, owner_id, frozenset())
            return None
        return self.key_from_rows(owner_kind, owner_id, rows)

    async def load_keys(
        self, session: AsyncSession, owner_kind: str, owner_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, DataKey]:
        """The data keys of many owners, one statement per 500 (as :meth:`load_key`, FOR SHARE);
        an owner without a current key is left out."""
        rows_of: dict[uuid.UUID, list[Any]] = {}
        for start in range(0, len(owner_ids), 500):
            part = list(owner_ids[start : start + 500])
            rows = await session.execute(
                select(
                    DataKeyRecord.owner_id,
                    DataKeyRecord.key_id,
                    DataKeyRecord.generation,
                    DataKeyRecord.status,
                    DataKeyRecord.kek_version,
                    DataKeyRecord.wrapped_key,
                )
                .where(
                    DataKeyRecord.owner_kind == owner_kind,
                    among(session, DataKeyRecord.owner_id, part),
                )
                .with_for_update(read=True)
            )
            for row in rows:
                rows_of.setdefault(row.owner_id, []).append(row)
        return {
            owner_id: self._data_key(owner_kind, owner_id, rows)
            for owner_id, rows in rows_of.items()
            if any(row.status in (KEY_ACTIVE, KEY_DUE) for row in rows)
        }

    async def key_for(self, session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> DataKey:
        """The owner's data key, created (random, wrapped by the active KEK) on first use."""
        key = await self.load_key(session, owner_kind, owner_id)
        if key is not None:
            return key
        generation = (
            await session.scalar(
                select(func.coalesce(func.max(DataKeyRecord.generation), 0)).where(
                    DataKeyRecord.owner_kind == owner_kind, DataKeyRecord.owner_id == owner_id
                )
            )
            or 0
        ) + 1
        try:
            # A savepoint, so that losing a race with another transaction creating the same
            # owner's key leaves the caller's transaction usable; the winner's key is used.
            async with session.begin_nested():
                await self.insert_key(session, owner_kind, owner_id, generation)
        except IntegrityError:
            pass
        key = await self.load_key(session, owner_kind, owner_id)
        if key is None:  # pragma: no cover - only if the row vanished in between
            raise LookupError("data key could not be created")
        return key

    async def shred(self, session: AsyncSession, owner_kind: str, owner_id: uuid.UUID) -> None:
        """Delete the owner's data keys and blind-index values in the caller's transaction."""
        await self.shred_many(session, owner_kind, [owner_id])

    async def shred_many(
        self,
        session: AsyncSession,
        owner_kind: str,
        owner_ids: Sequence[uuid.UUID],
        *,
        notify: bool = True,
    ) -> dict[uuid.UUID, list[int]]:
        """Delete the data keys and blind-index values of many owners in the caller's
        transaction (one statement per table per 500 owners); the key ids shredded per owner.

        With ``notify`` the :attr:`shred_hook` hears of the keys (the deletion ledger writes
        them down, so a restored backup cannot bring them back); a caller that records the keys
        itself passes ``notify=False``."""
        shredded: dict[uuid.UUID, list[int]] = {}
        for start in range(0, len(owner_ids), 500):
            part = list(owner_ids[start : start + 500])
            rows = (
                await session.execute(
                    delete(DataKeyRecord)
                    .where(
                        DataKeyRecord.owner_kind == owner_kind,
                        among(session, DataKeyRecord.owner_id, part),
                    )
                    .returning(DataKeyRecord.owner_id, DataKeyRecord.key_id)
                )
            ).all()
            await session.execute(
                delete(BlindIndex).where(
                    BlindIndex.owner_kind == owner_kind, among(session, BlindIndex.owner_id, part)
                )
            )
            for owner_id, key_id in rows:
                shredded.setdefault(owner_id, []).append(key_id)
                self._cache.pop(key_id, None)
        if notify and shredded and self.shred_hook is not None:
            await self.shred_hook(session, owner_kind, shredded)
        return shredded

    # -- values --------------------------------------------------------------------------------

    def encrypt(
        self, key: DataKey, *, table: str, column: str, row_id: uuid.UUID, value: str
    ) -> bytes:
        """Encrypt ``value`` for ``table.column`` of row ``row_id`` under the owner's key."""
        slot = key._current
        prefix = slot.aad_prefixes.get((table, column)) or slot.aad_prefix(table, column)
        nonce = os.urandom(NONCE_BYTES)
        return slot.header + nonce + slot.encrypt(nonce, value.encode(), prefix + row_id.bytes)

    def decrypt(
        self, key: DataKey, *, table: str, column: str, row_id: uuid.UUID, blob: bytes
    ) -> str:
        """Decrypt a value of ``table.column`` of row ``row_id``; raises DecryptionError."""
        if type(blob) is not bytes:  # a driver's memoryview or bytearray
            blob = bytes(blob)
        # The header (version ‖ key_id) selects the key: another version, or a key this owner
        # does not hold, finds nothing.
        slot = key._by_header.get(blob[:HEADER_BYTES])
        if slot is None or len(blob) < MIN_VALUE_BYTES:
            raise DecryptionError(f"value in {table}.{column} is not under this owner's keys")
        prefix = slot.aad_prefixes.get((table, column)) or slot.aad_prefix(table, column)
        try:
            return slot.decrypt(
                blob[HEADER_BYTES:PREFIX_BYTES], blob[PREFIX_BYTES:], prefix + row_id.bytes
            ).decode()
        except (InvalidTag, UnicodeDecodeError):
            raise DecryptionError(f"value in {table}.{column} does not authenticate") from None

    @staticmethod
    def key_id_of(blob: bytes) -> int | None:
        """The key id in a value's header, or None when it is not an encrypted value."""
        if len(blob) < MIN_VALUE_BYTES or blob[0] != FORMAT_VERSION:
            return None
        return int.from_bytes(blob[1:HEADER_BYTES], "big")

    # -- blind indexes -------------------------------------------------------------------------

    def _column_key(self, column: str) -> bytes:
        key = self._column_keys.get(column)
        if key is None:
            key = HKDF(
                algorithm=hashes.SHA256(),
                length=32,
                salt=None,
                info=BLIND_INDEX_LABEL + b"\x00" + column.encode(),
            ).derive(self._index_key)
            self._column_keys[column] = key
        return key

    def blind_index(self, column: str, value: str) -> bytes:
        """The blind-index digest of an already normalised ``value`` for ``column``."""
        return hmac.digest(self._column_key(column), value.encode(), "sha256")[:BLIND_INDEX_BYTES]

    async def put_blind_index(
        self,
        session: AsyncSession,
        *,
        owner_kind: str,
        owner_id: uuid.UUID,
        column: str,
        subject_id: uuid.UUID,
        value: str,
    ) -> None:
        """Set (replace) the blind-index value of ``subject_id`` for ``column``."""
        await self.remove_blind_index(session, column=column, subject_id=subject_id)
        await session.execute(
            insert(BlindIndex).values(
                column=column,
                subject_id=subject_id,
                owner_kind=owner_kind,
                owner_id=owner_id,
                digest=self.blind_index(column, value),
            )
        )

    async def remove_blind_index(
        self, session: AsyncSession, *, column: str, subject_id: uuid.UUID
    ) -> None:
        """Remove the blind-index value of ``subject_id`` for ``column`` (e.g. a cleared field)."""
        await session.execute(
            delete(BlindIndex).where(
                BlindIndex.column == column, BlindIndex.subject_id == subject_id
            )
        )

    async def lookup(
        self, session: AsyncSession, *, column: str, value: str
    ) -> list[tuple[str, uuid.UUID, uuid.UUID]]:
        """Candidates (owner_kind, owner_id, subject_id) whose ``column`` may equal ``value``.

        The digest is truncated, so callers confirm each candidate by decrypting the value.
        """
        rows = await session.execute(
            select(BlindIndex.owner_kind, BlindIndex.owner_id, BlindIndex.subject_id).where(
                BlindIndex.column == column, BlindIndex.digest == self.blind_index(column, value)
            )
        )
        return [(r.owner_kind, r.owner_id, r.subject_id) for r in rows]


# The value format's names that callers take from here with the cipher.
__all__ = ["ACCOUNTS_OWNER", "DataKey", "DecryptionError", "FieldCipher"]
