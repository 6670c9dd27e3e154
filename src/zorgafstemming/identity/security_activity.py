"""Reading one's own security activity: the account holder's sign-ins, exports, resets and
approvals, newest first, in pages with an opaque cursor.

Every role reads it, and only for the account signed in: Cedar is asked about that account
(``security-activity-of-own-account-only``) and the read leaves one audit event that names the
account by its ref — never the addresses or devices it shows.
"""

from __future__ import annotations

from zorgafstemming.audit.service import AuditContext, Outcome, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity import security_log
from zorgafstemming.identity.principal import Principal
from zorgafstemming.identity.schemas import SecurityEventOut, SecurityPage
from zorgafstemming.paging import one_page, read_after
from zorgafstemming.problems import ForbiddenError, ValidationFailed
from zorgafstemming.runtime import UnitOfWork

ACTION = Action.IDENTITY_SECURITY_LOG_READ


async def own_security_activity(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> SecurityPage:
    """The latest ``limit`` events of the caller's own account, newest first by (time, id),
    after the cursor ``after``."""
    account = {
        "type": "Account",
        "id": principal.account_id,
        "attrs": {"role": principal.role.value},
    }
    decision = uow.runtime.authz.decide(principal, ACTION, account)

    async def audit(outcome: Outcome) -> None:
        await record(
            uow,
            ctx,
            ACTION,
            outcome,
            decision=decision,
            object_type="account",
            object_id=principal.account_id,
        )

    if not decision.allowed:  # pragma: no cover - the policy permits every account its own
        await audit("denied")
        raise ForbiddenError("You may not do this.")
    try:
        before = read_after(after)
    except ValidationFailed:
        await audit("denied")
        raise
    await audit("allowed")
    rows = await security_log.recent(uow, principal.account_id, limit=limit + 1, before=before)
    page, next_cursor = one_page(rows, limit, lambda e: (e.occurred_at, e.id))
    return SecurityPage(
        items=[
            SecurityEventOut(
                kind=e.kind,
                occurred_at=e.occurred_at,
                address=e.client.address,
                device=e.client.device,
            )
            for e in page
        ],
        next=next_cursor,
    )
