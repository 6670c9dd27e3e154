"""The exact-match blind index on a member's normalised family name and birth year.

HMAC-SHA256 under a per-column key derived (HKDF) from the blind-index key, exactly like the
national number's index, truncated; owned by the file, so purging the file (crypto-shredding)
removes it. It finds "Peeters, born 2015" and nothing near it: no fuzzy search over ciphertext.
"""

from __future__ import annotations

import uuid
from datetime import date

from zorgafstemming.coordination.recognition import NAME_INDEX, name_index_value
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
    cipher = uow.runtime.cipher
    value = name_index_value(family_name, birth_date.year)
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
