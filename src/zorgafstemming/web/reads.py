"""Recording the reads a page makes that no service records itself."""

from __future__ import annotations

from typing import Any

from litestar import Request
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.guard import DECISION_STATE_KEY
from zorgafstemming.runtime import Runtime


def route_policy_id(request: Request[Any, Any, Any]) -> str | None:
    """The ``@id`` of the policy that let the guard admit this request (for the audit event)."""
    decision = request.scope.get("state", {}).get(DECISION_STATE_KEY)
    return getattr(decision, "policy_id", None)


async def record_read(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    action: Action,
    object_type: str,
    policy_id: str | None,
) -> None:
    """Append the audit event of a page's read, in the transaction that reads (fails closed)."""
    await append(
        session,
        runtime.secrets.audit_key,
        ctx,
        action=action.value,
        outcome="allowed",
        at=runtime.clock(),
        object_type=object_type,
        policy_id=policy_id,
    )
