"""The DPO's resolve: a person (national number or e-mail address) or a file id → the audit
refs that stand for them, with a stated reason that is kept encrypted and a resolve event in the
audit trail."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from sqlalchemy import insert

from zorgafstemming.audit.models import AuditResolution
from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.problems import ValidationFailed

if TYPE_CHECKING:
    from zorgafstemming.runtime import UnitOfWork

# The reasons are encrypted under a data key of their own owner, never the KEK directly.
REASON_OWNER = ("audit_resolutions", uuid.UUID(int=0))


@dataclass(frozen=True)
class PersonRecord:
    """Where one person appears: a member of a file, possibly with an account of their own."""

    member_id: uuid.UUID
    file_id: uuid.UUID
    account_id: uuid.UUID | None


class PersonDirectory(Protocol):
    """The lookups a person's resolve needs, provided by the package that holds the people."""

    def normalise_national_number(self, value: str) -> str:
        """The number in its canonical form; raises ``ValueError`` when it is not a valid one."""
        ...

    async def members_with_national_number(
        self, uow: UnitOfWork, number: str
    ) -> list[PersonRecord]:
        """Every member whose national number is ``number`` (confirmed, not only indexed)."""
        ...

    def normalise_email(self, value: str) -> str:
        """The address in its canonical form; raises ``ValueError`` when it is not one."""
        ...

    async def accounts_with_email(
        self, uow: UnitOfWork, email: str
    ) -> tuple[list[uuid.UUID], list[PersonRecord]]:
        """The accounts whose address is ``email``, and the file members they are linked to."""
        ...


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


async def _resolve_person(
    uow: UnitOfWork, directory: PersonDirectory, value: str, resolution: Resolution
) -> None:
    key = uow.runtime.secrets.audit_key
    try:
        number = directory.normalise_national_number(value)
    except ValueError:
        raise _invalid("value", "not a valid national register number") from None
    for person in await directory.members_with_national_number(uow, number):
        resolution.object_refs.append(audit_ref(key, "member", person.member_id))
        file_ref = audit_ref(key, "file", person.file_id)
        if file_ref not in resolution.file_refs:
            resolution.file_refs.append(file_ref)
        if person.account_id is not None:
            resolution.actor_refs.append(audit_ref(key, "account", person.account_id))


async def _resolve_email(
    uow: UnitOfWork, directory: PersonDirectory, value: str, resolution: Resolution
) -> None:
    key = uow.runtime.secrets.audit_key
    try:
        email = directory.normalise_email(value)
    except ValueError:
        raise _invalid("value", "not an email address") from None
    account_ids, people = await directory.accounts_with_email(uow, email)
    for account_id in account_ids:
        resolution.actor_refs.append(audit_ref(key, "account", account_id))
    for person in people:
        resolution.object_refs.append(audit_ref(key, "member", person.member_id))
        file_ref = audit_ref(key, "file", person.file_id)
        if file_ref not in resolution.file_refs:
            resolution.file_refs.append(file_ref)


async def resolve(
    uow: UnitOfWork,
    ctx: AuditContext,
    directory: PersonDirectory,
    *,
    kind: Literal["person", "file", "email"],
    value: str,
    reason: str,
) -> Resolution:
    """Resolve ``value`` to refs in the unit of work; the resolve itself is audited.

    Raises ``ValidationFailed`` (naming the field, never echoing the value) on bad input.
    """
    runtime = uow.runtime
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
    elif kind == "email":
        await _resolve_email(uow, directory, value, resolution)
    else:
        await _resolve_person(uow, directory, value, resolution)
    if ctx.actor_id is None:
        raise ValueError("a resolve needs a signed-in actor")
    data_key = await runtime.cipher.key_for(uow.session, *REASON_OWNER)
    await uow.session.execute(
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
    await record(
        uow,
        ctx,
        Action.AUDIT_REF_RESOLVE,
        "allowed",
        object_type="resolution",
        object_id=resolution.resolution_id,
    )
    return resolution
