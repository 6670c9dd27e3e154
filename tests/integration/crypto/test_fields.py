"""Field encryption: round trips, tamper detection, owner binding, blind indexes, shredding."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.crypto.field_format import HEADER_BYTES, PREFIX_BYTES
from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, DecryptionError, FieldCipher
from zorgafstemming.crypto.keyfiles import load_secret
from zorgafstemming.crypto.keyring import FileKekProvider
from zorgafstemming.crypto.models import DataKeyRecord
from zorgafstemming.db import new_id, transaction
from zorgafstemming.runtime import Runtime


@pytest.fixture
def cipher(key_dir: Path) -> FieldCipher:
    return FieldCipher(FileKekProvider(key_dir), load_secret(key_dir, "index"))


async def test_round_trip_and_same_key_for_same_owner(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    file_id = new_id()
    key = await cipher.key_for(db, "file", file_id)
    again = await cipher.key_for(db, "file", file_id)
    assert again.key_id == key.key_id
    row = new_id()
    for text in ["", "Jan Peeters", "Zoë Üçler — 日本", "x" * 5000]:
        blob = cipher.encrypt(key, table="members", column="given_name", row_id=row, value=text)
        if text:
            assert text.encode() not in blob
        assert cipher.decrypt(
            again, table="members", column="given_name", row_id=row, blob=blob
        ) == (text)


async def test_owners_get_distinct_keys(db: AsyncSession, cipher: FieldCipher) -> None:
    one = await cipher.key_for(db, "file", new_id())
    two = await cipher.key_for(db, "file", new_id())
    accounts = await cipher.key_for(db, *ACCOUNTS_OWNER)
    assert len({one.key_id, two.key_id, accounts.key_id}) == 3
    row = new_id()
    blob = cipher.encrypt(one, table="entries", column="body", row_id=row, value="notitie")
    with pytest.raises(DecryptionError):
        cipher.decrypt(two, table="entries", column="body", row_id=row, blob=blob)


async def test_moved_or_tampered_values_do_not_decrypt(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    key = await cipher.key_for(db, "file", new_id())
    row, other_row = new_id(), new_id()
    blob = cipher.encrypt(key, table="members", column="insz", row_id=row, value="85073003328")

    def attempt(
        candidate: bytes, *, table: str = "members", column: str = "insz", row_id: uuid.UUID = row
    ) -> None:
        with pytest.raises(DecryptionError):
            cipher.decrypt(key, table=table, column=column, row_id=row_id, blob=candidate)

    attempt(blob, row_id=other_row)  # another row
    attempt(blob, column="phone")  # another column
    attempt(blob, table="accounts")  # another table
    for position in range(len(blob)):  # one flipped bit anywhere: header, nonce, body, tag
        flipped = bytearray(blob)
        flipped[position] ^= 0x01
        attempt(bytes(flipped))
    # Another key id in the header, even one the owner holds under a different number.
    attempt(blob[:1] + (key.key_id + 1).to_bytes(4, "big") + blob[HEADER_BYTES:])
    attempt(blob[:PREFIX_BYTES])  # truncated
    attempt(b"")
    attempt(b"85073003328")  # plaintext is never taken for a value


async def test_wrapped_key_is_bound_to_its_owner(db: AsyncSession, cipher: FieldCipher) -> None:
    victim, thief = new_id(), new_id()
    await cipher.key_for(db, "file", victim)
    # Someone with write access to the database re-labels the victim's wrapped key as the thief's.
    await db.execute(
        update(DataKeyRecord).where(DataKeyRecord.owner_id == victim).values(owner_id=thief)
    )
    fresh = FieldCipher(cipher.kek, b"\x00" * 32)  # a new process: nothing cached
    with pytest.raises(DecryptionError):
        await fresh.key_for(db, "file", thief)


async def test_wrapped_key_never_holds_the_key_in_clear(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    key = await cipher.key_for(db, "file", new_id())
    row = (
        await db.execute(select(DataKeyRecord).where(DataKeyRecord.key_id == key.key_id))
    ).scalar_one()
    assert row.kek_version == cipher.kek.active_version
    assert len(row.wrapped_key) == 12 + 32 + 16
    assert "AESGCM" not in repr(key) and "_slots" not in repr(key)


async def test_shred_makes_values_unreadable_and_drops_blind_indexes(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    file_id, member = new_id(), new_id()
    key = await cipher.key_for(db, "file", file_id)
    blob = cipher.encrypt(key, table="members", column="insz", row_id=member, value="85073003328")
    await cipher.put_blind_index(
        db,
        owner_kind="file",
        owner_id=file_id,
        column="members.insz",
        subject_id=member,
        value="85073003328",
    )
    kept = await cipher.key_for(db, "file", new_id())
    await cipher.put_blind_index(
        db,
        owner_kind="file",
        owner_id=kept.owner_id,
        column="members.insz",
        subject_id=new_id(),
        value="90010100146",
    )
    await cipher.shred(db, "file", file_id)
    assert await cipher.load_key(db, "file", file_id) is None
    assert await cipher.lookup(db, column="members.insz", value="85073003328") == []
    assert len(await cipher.lookup(db, column="members.insz", value="90010100146")) == 1
    # Even this process, which had the key in memory, cannot read the value any more.
    newer = await cipher.key_for(db, "file", file_id)
    assert newer.key_id != key.key_id
    with pytest.raises(DecryptionError):
        cipher.decrypt(newer, table="members", column="insz", row_id=member, blob=blob)


async def test_blind_index_finds_the_right_record_and_no_other(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    owner = ACCOUNTS_OWNER
    subjects = {f"user{i}@example.org": new_id() for i in range(50)}
    for email, subject in subjects.items():
        await cipher.put_blind_index(
            db,
            owner_kind=owner[0],
            owner_id=owner[1],
            column="accounts.email",
            subject_id=subject,
            value=email,
        )
    for email, subject in subjects.items():
        assert await cipher.lookup(db, column="accounts.email", value=email) == [
            (owner[0], owner[1], subject)
        ]
    assert await cipher.lookup(db, column="accounts.email", value="user50@example.org") == []
    # The same value in another column is a different digest: no cross-column match.
    assert await cipher.lookup(db, column="members.insz", value="user1@example.org") == []
    assert cipher.blind_index("accounts.email", "a@b.be") != cipher.blind_index(
        "members.email", "a@b.be"
    )
    # Changing a subject's value replaces its entry.
    moved = subjects["user1@example.org"]
    await cipher.put_blind_index(
        db,
        owner_kind=owner[0],
        owner_id=owner[1],
        column="accounts.email",
        subject_id=moved,
        value="renamed@example.org",
    )
    assert await cipher.lookup(db, column="accounts.email", value="user1@example.org") == []
    assert await cipher.lookup(db, column="accounts.email", value="renamed@example.org") == [
        (owner[0], owner[1], moved)
    ]


async def test_blind_index_depends_on_the_index_key(key_dir: Path, tmp_path: Path) -> None:
    other = FieldCipher(FileKekProvider(key_dir), b"\x01" * 32)
    mine = FieldCipher(FileKekProvider(key_dir), load_secret(key_dir, "index"))
    assert mine.blind_index("members.insz", "85073003328") != other.blind_index(
        "members.insz", "85073003328"
    )


async def test_no_repeated_nonce_in_100000_encryptions(
    db: AsyncSession, cipher: FieldCipher
) -> None:
    key = await cipher.key_for(db, "file", new_id())
    row = new_id()
    nonces = {
        cipher.encrypt(key, table="entries", column="body", row_id=row, value="x")[
            HEADER_BYTES:PREFIX_BYTES
        ]
        for _ in range(100_000)
    }
    assert len(nonces) == 100_000


async def test_concurrent_first_use_creates_one_key(runtime: Runtime) -> None:
    owner = new_id()

    async def first_use() -> int:
        async with transaction(runtime.sessions) as session:
            key = await runtime.cipher.key_for(session, "file", owner)
            await asyncio.sleep(0.05)  # keep the transaction open so that the two overlap
            return key.key_id

    one, two = await asyncio.gather(first_use(), first_use())
    assert one == two
    async with transaction(runtime.sessions) as session:
        rows = (
            await session.execute(select(DataKeyRecord).where(DataKeyRecord.owner_id == owner))
        ).all()
    assert len(rows) == 1
