"""The encrypted columns of an account (email address, TOTP secret) and the email's blind index.

Both are encrypted under the accounts' one data key, bound to the account's row id.
"""

from __future__ import annotations

import uuid
from typing import Literal

from zorgafstemming.crypto.fields import ACCOUNTS_OWNER, DataKey
from zorgafstemming.runtime import Runtime, UnitOfWork

EMAIL_INDEX_COLUMN = "accounts.email"
AccountColumn = Literal["email", "totp_secret"]


async def accounts_key(uow: UnitOfWork) -> DataKey:
    """The accounts' data key, valid in this unit of work."""
    return await uow.runtime.cipher.key_for(uow.session, *ACCOUNTS_OWNER)


def encrypt(
    runtime: Runtime, key: DataKey, account_id: uuid.UUID, column: AccountColumn, value: str
) -> bytes:
    """``value`` encrypted for ``accounts.<column>`` of ``account_id``."""
    return runtime.cipher.encrypt(
        key, table="accounts", column=column, row_id=account_id, value=value
    )


def decrypt(
    runtime: Runtime, key: DataKey, account_id: uuid.UUID, column: AccountColumn, blob: bytes
) -> str:
    """The plain value of ``accounts.<column>`` of ``account_id``."""
    return runtime.cipher.decrypt(
        key, table="accounts", column=column, row_id=account_id, blob=blob
    )


def email_index(runtime: Runtime, normalised_email: str) -> bytes:
    """The blind index of an already normalised email address."""
    return runtime.cipher.blind_index(EMAIL_INDEX_COLUMN, normalised_email)
