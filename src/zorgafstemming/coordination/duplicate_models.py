"""The duplicate checks workers make before opening a file: who asked, when, why (encrypted)
and what they were told. Not part of any file: a check is about a person who may not have a
file, and it stays for the DPO's review whatever happens to the files it found."""

from __future__ import annotations

import uuid

from sqlalchemy import JSON, Index, LargeBinary
from sqlalchemy.orm import Mapped, deferred, mapped_column

from zorgafstemming.coordination.models import ActingAccountId
from zorgafstemming.crypto.registry import register_encrypted_column
from zorgafstemming.db import Base, PrimaryId, Timestamp
from zorgafstemming.identity.models import OrganisationId

# The reasons are encrypted under a data key of their own owner (like the DPO's resolve).
REASON_OWNER = ("duplicate_checks", uuid.UUID(int=0))


class DuplicateCheck(Base):
    """One check for an existing file of a person (by national number) before opening one."""

    __tablename__ = "duplicate_checks"

    id: Mapped[PrimaryId]
    checked_at: Mapped[Timestamp]
    account_id: Mapped[ActingAccountId | None] = mapped_column(comment="the worker who checked")
    organisation_id: Mapped[OrganisationId]
    reason_enc: Mapped[bytes] = deferred(
        mapped_column(LargeBinary, nullable=False, comment="encrypted: the worker's reason")
    )
    answered_organisation_ids: Mapped[list[str]] = mapped_column(
        JSON,
        nullable=False,
        comment="lead organisations named in the answer (empty: no file found)",
    )

    __table_args__ = (
        Index("ix_duplicate_checks_checked_at", "checked_at"),
        Index("ix_duplicate_checks_account_id", "account_id"),
    )


register_encrypted_column("duplicate_checks", "reason_enc", owner_kind="duplicate_checks")
