"""The people of the coordination files, as the DPO's resolve looks them up (see
``audit.resolve.PersonDirectory``): file members by national register number, and accounts
(with the members they are linked to) by e-mail address."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import select

from zorgafstemming.audit.resolve import PersonRecord
from zorgafstemming.coordination.models import Member
from zorgafstemming.coordination.rules import normalise_insz
from zorgafstemming.identity.account_fields import email_index
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.rules import normalise_email

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork

# The blind index the file service writes for ``members.insz_enc``.
INSZ_INDEX = "members.insz"


class MemberDirectory:
    """File members found by national register number or their account's e-mail address, for
    the DPO's resolve."""

    def normalise_national_number(self, value: str) -> str:
        """The 11 digits of an INSZ; raises ``InvalidInsz`` (a ``ValueError``) when invalid."""
        return normalise_insz(value)

    async def members_with_national_number(
        self, uow: UnitOfWork, number: str
    ) -> list[PersonRecord]:
        """Every member whose national number is ``number``.

        The blind index gives candidates; each is confirmed by decrypting, since a truncated
        index can collide.
        """
        session, cipher = uow.session, uow.runtime.cipher
        candidates = await cipher.lookup(session, column=INSZ_INDEX, value=number)
        member_ids = [subject for kind, _owner, subject in candidates if kind == "file"]
        if not member_ids:
            return []
        rows = (
            await session.execute(
                select(Member.id, Member.file_id, Member.account_id, Member.insz_enc).where(
                    Member.id.in_(member_ids)
                )
            )
        ).all()
        found: list[PersonRecord] = []
        for row in rows:
            if row.insz_enc is None:
                continue
            key = await cipher.key_for(session, "file", row.file_id)
            plain = cipher.decrypt(
                key, table="members", column="insz_enc", row_id=row.id, blob=row.insz_enc
            )
            if plain == number:
                found.append(PersonRecord(row.id, row.file_id, row.account_id))
        return found

    def normalise_email(self, value: str) -> str:
        """The trimmed, lower-cased address; raises ``ValueError`` when it is not one."""
        email = normalise_email(value)
        if email is None:
            raise ValueError("not an email address")
        return email

    async def accounts_with_email(
        self, uow: UnitOfWork, email: str
    ) -> tuple[list[uuid.UUID], list[PersonRecord]]:
        """The account with address ``email`` (the blind index is a full digest and unique),
        and every file member linked to it."""
        index = email_index(uow.runtime, email)
        account_ids = list(
            await uow.session.scalars(select(Account.id).where(Account.email_index == index))
        )
        if not account_ids:
            return [], []
        rows = await uow.session.execute(
            select(Member.id, Member.file_id, Member.account_id).where(
                Member.account_id.in_(account_ids)
            )
        )
        return account_ids, [PersonRecord(r.id, r.file_id, r.account_id) for r in rows]
