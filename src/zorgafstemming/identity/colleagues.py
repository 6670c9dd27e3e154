"""The social workers of one organisation as their colleagues see them (to assign one to a
file), and the coordinator flag of a staff account.

The flag is set by the host operator (``users create --coordinator``) and the demo seed only:
through the API it would be a role-like change, which needs a second person's approval.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from zorgafstemming.identity import account_fields
from zorgafstemming.identity.models import Account
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.refusals import invalid
from zorgafstemming.problems import NotFoundError
from zorgafstemming.runtime import UnitOfWork


@dataclass(frozen=True)
class Colleague:
    """A social worker of the organisation: id, e-mail address (decrypted), status, flag."""

    id: uuid.UUID
    email: str | None
    status: str
    is_coordinator: bool


async def organisation_workers(
    uow: UnitOfWork,
    organisation_id: uuid.UUID,
    *,
    account_ids: Collection[uuid.UUID] | None = None,
    active_only: bool = True,
) -> list[Colleague]:
    """The social workers of ``organisation_id`` (only ``account_ids``, when given), by e-mail
    address; active ones only unless ``active_only`` is off."""
    stmt = (
        select(Account)
        .options(undefer(Account.email_enc))
        .where(
            Account.organisation_id == organisation_id,
            Account.role == Role.SOCIAL_WORKER.value,
        )
    )
    if active_only:
        stmt = stmt.where(Account.status == "active")
    if account_ids is not None:
        if not account_ids:
            return []
        stmt = stmt.where(Account.id.in_(list(account_ids)))
    rows = (await uow.session.scalars(stmt)).all()
    key = await account_fields.accounts_key(uow) if rows else None
    found = []
    for account in rows:
        email = None
        if account.email_enc is not None and key is not None:
            email = account_fields.decrypt(uow.runtime, key, account.id, "email", account.email_enc)
        found.append(Colleague(account.id, email, account.status, account.is_coordinator))
    return sorted(found, key=lambda c: (c.email or "", c.id))


async def is_active_worker_of(
    uow: UnitOfWork, account_id: uuid.UUID, organisation_id: uuid.UUID
) -> bool:
    """Whether ``account_id`` is an active social worker of ``organisation_id``."""
    found = await uow.session.scalar(
        select(Account.id).where(
            Account.id == account_id,
            Account.organisation_id == organisation_id,
            Account.role == Role.SOCIAL_WORKER.value,
            Account.status == "active",
        )
    )
    return found is not None


async def is_coordinator(uow: UnitOfWork, account_id: uuid.UUID) -> bool:
    """Whether ``account_id`` is an active social worker who coordinates their organisation."""
    flag = await uow.session.scalar(
        select(Account.is_coordinator).where(
            Account.id == account_id,
            Account.role == Role.SOCIAL_WORKER.value,
            Account.status == "active",
        )
    )
    return bool(flag)


async def set_coordinator(uow: UnitOfWork, account_id: uuid.UUID, value: bool = True) -> None:
    """Make a social worker their organisation's coordinator (or no longer); refused for any
    other account. For the host operator's command and the demo seed only."""
    role = await uow.session.scalar(select(Account.role).where(Account.id == account_id))
    if role is None:
        raise NotFoundError()
    if role != Role.SOCIAL_WORKER.value:
        raise invalid("coordinator", "only a social worker coordinates an organisation")
    await uow.session.execute(
        update(Account)
        .where(Account.id == account_id)
        .values(is_coordinator=value, updated_at=uow.runtime.clock())
    )
