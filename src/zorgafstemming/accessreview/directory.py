"""From audit refs back to staff accounts and organisations, for the people who must answer.

The audit trail holds HMAC refs; the review asks the reader's coordinator, so it computes the
ref of every staff account and organisation (a network has hundreds, not millions) and looks
the event's refs up. Refs of accounts or organisations that no longer exist stay unresolved.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from zorgafstemming.audit.service import audit_ref
from zorgafstemming.identity.models import Account, Organisation
from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class StaffAccount:
    """A staff account as the review needs it: which organisation it belongs to."""

    account_id: uuid.UUID
    organisation_id: uuid.UUID | None


@dataclass(frozen=True)
class Directory:
    """Account and organisation refs, resolved."""

    accounts: dict[str, StaffAccount]
    organisations: dict[str, uuid.UUID]
    organisation_names: dict[uuid.UUID, str]

    def organisation_of_ref(self, ref: str | None) -> uuid.UUID | None:
        """The organisation an org ref stands for, or None."""
        return self.organisations.get(ref) if ref else None


async def load_directory(uow: UnitOfWork) -> Directory:
    """Every staff account and organisation, keyed by its audit ref."""
    key = uow.runtime.secrets.audit_key
    accounts = {
        audit_ref(key, "account", row.id): StaffAccount(row.id, row.organisation_id)
        for row in await uow.session.execute(
            select(Account.id, Account.organisation_id).where(Account.organisation_id.is_not(None))
        )
    }
    names: dict[uuid.UUID, str] = {}
    organisations: dict[str, uuid.UUID] = {}
    for row in await uow.session.execute(select(Organisation.id, Organisation.name)):
        names[row.id] = row.name
        organisations[audit_ref(key, "organisation", row.id)] = row.id
    return Directory(accounts, organisations, names)


async def organisation_names(uow: UnitOfWork, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names of the organisations ``ids``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = await uow.session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(wanted))
    )
    return {row.id: row.name for row in rows}
