"""Account change requests: four eyes on privileged account changes.

An administrator's request — a new administrator or DPO account, re-inviting or resetting an
account someone holds, a new role or organisation — changes nothing until another administrator
or the DPO approves it; the requester never decides their own request, and nobody decides a
change to their own account (Cedar: ``requester-never-decides-own-request``,
``holder-never-decides-change-to-own-account``). A request expires after seven days. Each
request, approval and rejection is audited and noted in the account's security activity; the
payload holds only a role and an organisation id.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from sqlalchemy import delete, select, update

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision, ref
from zorgafstemming.db import new_id
from zorgafstemming.identity import account_mail, accounts, credentials, rules, security_log
from zorgafstemming.identity.models import Account, AccountChangeRequest, Organisation
from zorgafstemming.identity.principal import Principal, Role
from zorgafstemming.identity.schemas import AccountChangeOut, AccountChangePage
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ConflictError, ForbiddenError, NotFoundError
from zorgafstemming.runtime import UnitOfWork


class ChangePayload(msgspec.Struct, frozen=True, omit_defaults=True):
    """What a request asks for, without personal data: a role and an organisation id."""

    role: str | None = None
    organisation_id: uuid.UUID | None = None


def _payload(row: AccountChangeRequest) -> ChangePayload:
    return msgspec.json.decode(row.payload, type=ChangePayload)


async def _expire_overdue(uow: UnitOfWork) -> None:
    """Mark overdue requests expired; a new account that was never approved goes with its
    request, so its address is free again."""
    now = uow.runtime.clock()
    overdue = (
        await uow.session.scalars(
            select(AccountChangeRequest).where(
                AccountChangeRequest.status == "pending", AccountChangeRequest.expires_at <= now
            )
        )
    ).all()
    for row in overdue:
        row.status = "expired"
        if row.kind == "create" and row.account_id is not None:
            await _remove_pending_account(uow, row)
    await uow.session.flush()


async def _remove_pending_account(uow: UnitOfWork, row: AccountChangeRequest) -> None:
    account_id = row.account_id
    row.account_id = None
    await uow.session.flush()
    await uow.session.execute(
        delete(Account).where(Account.id == account_id, Account.status == "pending")
    )


async def open_request(
    uow: UnitOfWork,
    ctx: AuditContext,
    actor: Principal,
    kind: rules.ChangeKind,
    account: Account,
    payload: ChangePayload | None = None,
) -> uuid.UUID:
    """Ask a second person to approve ``kind`` for ``account``; nothing changes yet.

    One open request per account (409 otherwise). Returns the request's id.
    """
    decision = accounts.decide(
        uow, actor, Action.IDENTITY_ACCOUNT_CHANGE_REQUEST, accounts.resource_of(account)
    )
    await _expire_overdue(uow)
    waiting = await uow.session.scalar(
        select(AccountChangeRequest.id).where(
            AccountChangeRequest.account_id == account.id,
            AccountChangeRequest.status == "pending",
        )
    )
    if waiting is not None:
        raise ConflictError("A change to this account is already waiting for approval.")
    now = uow.runtime.clock()
    change_id = new_id()
    uow.session.add(
        AccountChangeRequest(
            id=change_id,
            kind=kind,
            account_id=account.id,
            requested_by=actor.account_id,
            requested_at=now,
            expires_at=now + rules.CHANGE_TTL,
            payload=msgspec.json.encode(payload or ChangePayload()).decode(),
            status="pending",
        )
    )
    await uow.session.flush()
    if kind != "create":  # a new account has nobody holding it yet
        await security_log.note(uow, account.id, "change-requested")
    await accounts.record_change(
        uow, ctx, Action.IDENTITY_ACCOUNT_CHANGE_REQUEST, account.id, decision
    )
    return change_id


async def _views(uow: UnitOfWork, rows: list[AccountChangeRequest]) -> list[AccountChangeOut]:
    now = uow.runtime.clock()
    ids = {r.requested_by for r in rows} | {r.account_id for r in rows if r.account_id}
    emails = await accounts.emails_by_id(uow, ids)
    rows_found = await uow.session.execute(
        select(Account.id, Account.role).where(Account.id.in_(ids))
    )
    roles = {account_id: role for account_id, role in rows_found.all()}
    views = []
    for row in rows:
        payload = _payload(row)
        views.append(
            AccountChangeOut(
                id=row.id,
                kind=row.kind,
                status=rules.change_status(row.status, row.expires_at, now),
                account_id=row.account_id,
                account_email=emails.get(row.account_id) if row.account_id else None,
                account_role=roles.get(row.account_id) if row.account_id else None,
                requested_by=row.requested_by,
                requested_by_email=emails.get(row.requested_by),
                requested_at=row.requested_at,
                expires_at=row.expires_at,
                role=payload.role,
                organisation_id=payload.organisation_id,
                decided_by=row.decided_by,
                decided_at=row.decided_at,
            )
        )
    return views


async def list_changes(
    uow: UnitOfWork, *, pending_only: bool, limit: int, after: str | None = None
) -> AccountChangePage:
    """Requests newest first by (requested_at, id), ``limit`` after the cursor ``after``
    (an open request is at most a week old, so the open ones come near the top; with
    ``pending_only`` only those). The caller audits the read (it shows email addresses), or
    uses :func:`list_changes_audited`."""
    position = read_after(after)
    now = uow.runtime.clock()
    is_open = (AccountChangeRequest.status == "pending") & (AccountChangeRequest.expires_at > now)
    query = select(AccountChangeRequest)
    if pending_only:
        query = query.where(is_open)
    if position is not None:
        query = query.where(
            beyond(AccountChangeRequest.requested_at, AccountChangeRequest.id, position)
        )
    fetched = (
        await uow.session.scalars(
            query.order_by(
                AccountChangeRequest.requested_at.desc(), AccountChangeRequest.id.desc()
            ).limit(limit + 1)
        )
    ).all()
    rows, next_cursor = one_page(fetched, limit, lambda r: (r.requested_at, r.id))
    return AccountChangePage(items=await _views(uow, rows), next=next_cursor)


async def list_changes_audited(
    uow: UnitOfWork,
    ctx: AuditContext,
    *,
    pending_only: bool,
    limit: int,
    after: str | None = None,
) -> AccountChangePage:
    """:func:`list_changes` as a read of its own, audited as such (the API's list and the DPO's
    page: both show email addresses)."""
    read_after(after)  # a bad cursor is refused before the read is recorded
    await record(
        uow, ctx, Action.IDENTITY_ACCOUNT_CHANGE_LIST, "allowed", object_type="account_change"
    )
    return await list_changes(uow, pending_only=pending_only, limit=limit, after=after)


def _request_resource(row: AccountChangeRequest) -> dict[str, Any]:
    attrs: dict[str, Any] = {"kind": row.kind, "requested_by": ref("Account", row.requested_by)}
    if row.account_id is not None:
        attrs["account"] = ref("Account", row.account_id)
    return {"type": "AccountChange", "id": str(row.id), "attrs": attrs}


async def _decided(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal, action: Action, change_id: uuid.UUID
) -> tuple[AccountChangeRequest, Decision]:
    """The request, once Cedar lets ``actor`` decide it and it is still open.

    404 for an unknown request; 403 (audited) for the requester or the account's holder; 409
    when it was decided already or has expired.
    """
    await _expire_overdue(uow)
    row = await uow.session.get(AccountChangeRequest, change_id, with_for_update=True)
    if row is None:
        raise NotFoundError()
    decision = uow.runtime.authz.decide(actor, action, _request_resource(row))
    if not decision.allowed:
        await record(
            uow,
            ctx,
            action,
            "denied",
            decision=decision,
            object_type="account",
            object_id=row.account_id,
        )
        raise ForbiddenError("Another person decides on this request.")
    # Claim it atomically: a concurrent second decision finds it decided.
    claimed = await uow.session.execute(
        update(AccountChangeRequest)
        .where(AccountChangeRequest.id == row.id, AccountChangeRequest.status == "pending")
        .values(
            status="approved" if action is Action.IDENTITY_ACCOUNT_CHANGE_APPROVE else "rejected",
            decided_by=actor.account_id,
            decided_at=uow.runtime.clock(),
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(claimed, "rowcount", 0):
        raise ConflictError("This request was decided already or has expired.")
    await uow.session.refresh(row)
    return row, decision


async def approve(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal, change_id: uuid.UUID
) -> AccountChangeOut:
    """Approve a request and carry it out, in the same transaction."""
    action = Action.IDENTITY_ACCOUNT_CHANGE_APPROVE
    row, decision = await _decided(uow, ctx, actor, action, change_id)
    if row.account_id is None:
        raise ConflictError("The account of this request no longer exists.")
    account = await accounts.load(uow, row.account_id)
    await _apply(uow, row, account)
    await security_log.note(uow, account.id, "change-approved")
    await accounts.record_change(uow, ctx, action, account.id, decision)
    return (await _views(uow, [row]))[0]


async def reject(
    uow: UnitOfWork, ctx: AuditContext, actor: Principal, change_id: uuid.UUID
) -> AccountChangeOut:
    """Reject a request: nothing changes, and a new account that was asked for is removed."""
    action = Action.IDENTITY_ACCOUNT_CHANGE_REJECT
    row, decision = await _decided(uow, ctx, actor, action, change_id)
    account_id = row.account_id
    if row.kind == "create" and account_id is not None:
        await _remove_pending_account(uow, row)
    elif account_id is not None:
        await security_log.note(uow, account_id, "change-rejected")
    await accounts.record_change(uow, ctx, action, account_id, decision)
    return (await _views(uow, [row]))[0]


async def _apply(uow: UnitOfWork, row: AccountChangeRequest, account: Account) -> None:
    """Carry out an approved request."""
    if row.kind == "create":
        if account.status != "pending":
            raise ConflictError("The account is no longer waiting for approval.")
        await uow.session.execute(
            update(Account)
            .where(Account.id == account.id)
            .values(status="invited", updated_at=uow.runtime.clock())
        )
        await accounts.send_new_link(uow, account)
        return
    if account.status == "pending":
        raise ConflictError("The account itself is still waiting for approval.")
    if row.kind == "change":
        await _change_role(uow, account, _payload(row))
        return
    if row.kind == "reset-mfa" and account.status == "disabled":
        raise ConflictError("The account was disabled since; re-invite it instead.")
    email = await accounts.mail_address(uow, account)
    await accounts.reset_credentials(uow, account)
    await account_mail.send_reset_notice(uow, account.id, email)
    await security_log.note(uow, account.id, "reinvite" if row.kind == "reinvite" else "mfa-reset")


async def _change_role(uow: UnitOfWork, account: Account, payload: ChangePayload) -> None:
    role = Role(payload.role) if payload.role else Role(account.role)
    organisation_id = payload.organisation_id
    problem = rules.role_change_problem(
        Role(account.role), role, organisation_id, account.email_enc is not None
    )
    if problem is not None or (
        organisation_id is not None and await uow.session.get(Organisation, organisation_id) is None
    ):
        raise ConflictError("The requested role or organisation is no longer possible.")
    await uow.session.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(role=role.value, organisation_id=organisation_id, updated_at=uow.runtime.clock())
    )
    # Sessions carry the role they started with: the holder signs in again under the new one.
    await credentials.revoke_all(uow, account.id)
    email = await accounts.email_of(uow, account)
    if email is not None:
        await account_mail.send_change_notice(uow, account.id, email)


def involves(view: AccountChangeOut, account_id: uuid.UUID) -> bool:
    """True when ``account_id`` asked for this request or is the account it changes: that
    person may not decide it (the pages hide the buttons; Cedar refuses it anyway)."""
    return account_id in (view.requested_by, view.account_id)
