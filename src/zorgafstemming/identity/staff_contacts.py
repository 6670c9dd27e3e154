"""Staff contact details (name, work phone, the account's e-mail address as work e-mail):
stored encrypted under the accounts' key, read for the families whose contact person the
worker is."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from zorgafstemming.crypto.fields import DataKey
from zorgafstemming.identity import account_fields
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.staff_contact_models import StaffContact
from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class StaffDetails:
    """A staff member as a family sees their contact person."""

    name: str | None
    work_phone: str | None
    work_email: str | None


def _encrypt(
    uow: UnitOfWork, key: DataKey, account_id: uuid.UUID, column: str, value: str | None
) -> bytes | None:
    if not value:
        return None
    return uow.runtime.cipher.encrypt(
        key, table="staff_contacts", column=column, row_id=account_id, value=value
    )


async def set_staff_contact(
    uow: UnitOfWork, account_id: uuid.UUID, *, name: str | None, work_phone: str | None
) -> None:
    """Store a staff account's name and work phone (replacing what was stored)."""
    key = await account_fields.accounts_key(uow)
    await uow.session.execute(delete(StaffContact).where(StaffContact.account_id == account_id))
    await uow.session.execute(
        insert(StaffContact).values(
            account_id=account_id,
            display_name_enc=_encrypt(uow, key, account_id, "display_name", name),
            work_phone_enc=_encrypt(uow, key, account_id, "work_phone", work_phone),
            updated_at=uow.runtime.clock(),
        )
    )


async def staff_details(
    uow: UnitOfWork, account_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, StaffDetails]:
    """The contact details of these staff accounts (social workers only)."""
    if not account_ids:
        return {}
    rows = (
        await uow.session.execute(
            select(
                Account.id,
                Account.email_enc,
                StaffContact.display_name_enc,
                StaffContact.work_phone_enc,
            )
            .outerjoin(StaffContact, StaffContact.account_id == Account.id)
            .where(Account.id.in_(list(account_ids)), Account.role == Role.SOCIAL_WORKER.value)
        )
    ).all()
    if not rows:
        return {}
    key = await account_fields.accounts_key(uow)
    cipher = uow.runtime.cipher

    def plain(account_id: uuid.UUID, column: str, blob: bytes | None) -> str | None:
        if blob is None:
            return None
        return cipher.decrypt(
            key, table="staff_contacts", column=column, row_id=account_id, blob=blob
        )

    return {
        row.id: StaffDetails(
            name=plain(row.id, "display_name", row.display_name_enc),
            work_phone=plain(row.id, "work_phone", row.work_phone_enc),
            work_email=account_fields.decrypt(uow.runtime, key, row.id, "email", row.email_enc)
            if row.email_enc is not None
            else None,
        )
        for row in rows
    }
