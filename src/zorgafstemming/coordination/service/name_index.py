"""The exact-match blind index on a member's normalised family name and birth year.

HMAC-SHA256 under a per-column key derived (HKDF) from the blind-index key, exactly like the
national number's index, truncated; owned by the file, so purging the file (crypto-shredding)
removes it. It finds "Peeters, born 2015" and nothing near it: no fuzzy search over ciphertext.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.recognition import (
    NAME_INDEX,
    birth_year_of,
    name_index_value,
)
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.runtime import UnitOfWork


async def index_member_name(
    uow: UnitOfWork,
    file_id: uuid.UUID,
    member_id: uuid.UUID,
    family_name: str,
    birth_date: date,
) -> None:
    """Set (replace) the member's name index value; removed when the name has no letters."""
    await _index(uow, file_id, member_id, name_index_value(family_name, birth_date.year))


async def _index(
    uow: UnitOfWork, file_id: uuid.UUID, member_id: uuid.UUID, value: str | None
) -> None:
    cipher = uow.runtime.cipher
    if value is None:
        await cipher.remove_blind_index(uow.session, column=NAME_INDEX, subject_id=member_id)
        return
    await cipher.put_blind_index(
        uow.session,
        owner_kind=FILE_OWNER,
        owner_id=file_id,
        column=NAME_INDEX,
        subject_id=member_id,
        value=value,
    )


async def reindex_member_names(uow: UnitOfWork) -> int:
    """Write the name index of every member of every file not purged (for files opened before
    the index existed, or after a blind-index key change); returns how many members.

    One unit of work: the files' keys in one statement, the members in one, then one index
    write per member."""
    session, cipher = uow.session, uow.runtime.cipher
    file_ids = list(
        (
            await session.scalars(
                select(CoordinationFile.id).where(CoordinationFile.status != "purged")
            )
        ).all()
    )
    keys = await cipher.load_keys(session, FILE_OWNER, file_ids)
    if not keys:
        return 0
    rows = (
        await session.execute(
            select(Member.id, Member.file_id, Member.family_name_enc, Member.birth_date_enc)
            .where(Member.file_id.in_(list(keys)))
            .order_by(Member.file_id, Member.id)
        )
    ).all()
    for row in rows:
        key = keys[row.file_id]
        name = cipher.decrypt(
            key, table="members", column="family_name_enc", row_id=row.id, blob=row.family_name_enc
        )
        birth = cipher.decrypt(
            key, table="members", column="birth_date_enc", row_id=row.id, blob=row.birth_date_enc
        )
        await _index(uow, row.file_id, row.id, name_index_value(name, birth_year_of(birth)))
    return len(rows)
