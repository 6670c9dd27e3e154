"""The work contact details of a staff account, shown to the families whose contact person the
worker is: a display name and a work phone number (the work e-mail is the account's address).

Staff data, not family data; encrypted under the accounts' key like the e-mail address.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, LargeBinary, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, Timestamp


class StaffContact(Base):
    """A staff account's name and work phone, as a family sees their contact person."""

    __tablename__ = "staff_contacts"

    account_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    display_name_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the worker's name")
    )
    work_phone_enc: Mapped[bytes | None] = deferred(
        mapped_column(LargeBinary, nullable=True, comment="encrypted: the worker's work phone")
    )
    updated_at: Mapped[Timestamp]


register_encrypted_column(
    "staff_contacts",
    "display_name_enc",
    owner_kind="accounts",
    id_column="account_id",
    aad_column="display_name",
)
register_encrypted_column(
    "staff_contacts",
    "work_phone_enc",
    owner_kind="accounts",
    id_column="account_id",
    aad_column="work_phone",
)
