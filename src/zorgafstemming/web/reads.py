"""Recording the reads a page makes that no service records itself."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.service import AuditContext, append
from zorgafstemming.authz.actions import Action
from zorgafstemming.runtime import Runtime


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
