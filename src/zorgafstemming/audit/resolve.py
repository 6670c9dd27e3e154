"""The DPO's resolve: a person (national number) or a file id → the audit refs that stand for
them, with a stated reason that is kept encrypted and a resolve event in the audit trail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.audit.models import AuditResolution
from zorgafstemming.audit.service import AuditContext, append, audit_ref
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.runtime import Runtime

# The reasons are encrypted under a data key of their own owner, never the KEK directly.
REASON_OWNER = ("audit_resolutions", uuid.UUID(int=0))
INSZ_INDEX = "members.insz"
RESOLVE_ACTION = "audit:ref:resolve"


@dataclass
class Resolution:
    """The refs a person or file stands for in the audit trail."""

    resolution_id: uuid.UUID
    kind: str
    actor_refs: list[str] = field(default_factory=list)
    file_refs: list[str] = field(default_factory=list)
    object_refs: list[str] = field(default_factory=list)


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        "The request cannot be resolved.",
        extra={"errors": [{"field": field_name, "message": message}]},
    )


async def _members_with_insz(
    session: AsyncSession, runtime: Runtime, insz: str
) -> list[tuple[uuid.UUID, uuid.UUID, uuid.UUID | None]]:
    """(member id, file id, account id) of every member whose national number is ``insz``.

    The blind index gives candidates; each is confirmed by decrypting, since a truncated index
    can collide.
    """
    from zorgafstemming.coordination import models as coordination_models

    # The members table belongs to the coordination package; without it nobody is indexed.
    member: Any = getattr(coordination_models, "Member", None)
    candidates = await runtime.cipher.lookup(session, column=INSZ_INDEX, value=insz)
    member_ids = [subject for kind, _owner, subject in candidates if kind == "file"]
    if not member_ids or member is None:
        return []
    rows = (
        await session.execute(
            select(member.id, member.file_id, member.account_id, member.insz_enc).where(
                member.id.in_(member_ids)
            )
        )
    ).all()
    found: list[tuple[uuid.UUID, uuid.UUID, uuid.UUID | None]] = []
    for row in rows:
        if row.insz_enc is None:
            continue
        key = await runtime.cipher.key_for(session, "file", row.file_id)
        plain = runtime.cipher.decrypt(
            key, table="members", column="insz_enc", row_id=row.id, blob=row.insz_enc
        )
        if plain == insz:
            found.append((row.id, row.file_id, row.account_id))
    return found


async def resolve(
    session: AsyncSession,
    runtime: Runtime,
    ctx: AuditContext,
    *,
    kind: Literal["person", "file"],
    value: str,
    reason: str,
    policy_id: str | None,
) -> Resolution:
    """Resolve ``value`` to refs in ``session``'s transaction; the resolve itself is audited.

    Raises ``ValidationFailed`` (naming the field, never echoing the value) on bad input.
    """
    from zorgafstemming.coordination.rules import InvalidInsz, normalise_insz

    reason = reason.strip()
    if len(reason) < 5:
        raise _invalid("reason", "state why you need this (at least 5 characters)")
    key = runtime.secrets.audit_key
    resolution = Resolution(resolution_id=uuid.uuid4(), kind=kind)
    if kind == "file":
        try:
            file_id = uuid.UUID(value.strip())
        except ValueError:
            raise _invalid("value", "not a file id") from None
        ref = audit_ref(key, "file", file_id)
        resolution.file_refs.append(ref)
        resolution.object_refs.append(ref)
    else:
        try:
            insz = normalise_insz(value)
        except InvalidInsz:
            raise _invalid("value", "not a valid national register number") from None
        for member_id, file_id, account_id in await _members_with_insz(session, runtime, insz):
            resolution.object_refs.append(audit_ref(key, "member", member_id))
            file_ref = audit_ref(key, "file", file_id)
            if file_ref not in resolution.file_refs:
                resolution.file_refs.append(file_ref)
            if account_id is not None:
                resolution.actor_refs.append(audit_ref(key, "account", account_id))
    if ctx.actor_id is None:
        raise ValueError("a resolve needs a signed-in actor")
    data_key = await runtime.cipher.key_for(session, *REASON_OWNER)
    await session.execute(
        insert(AuditResolution).values(
            id=resolution.resolution_id,
            requested_at=runtime.clock(),
            actor_ref=audit_ref(key, "account", ctx.actor_id),
            kind=kind,
            reason=runtime.cipher.encrypt(
                data_key,
                table="audit_resolutions",
                column="reason",
                row_id=resolution.resolution_id,
                value=reason,
            ),
        )
    )
    await append(
        session,
        key,
        ctx,
        action=RESOLVE_ACTION,
        outcome="allowed",
        at=runtime.clock(),
        object_type="resolution",
        object_id=resolution.resolution_id,
        policy_id=policy_id,
    )
    return resolution
