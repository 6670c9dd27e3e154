"""Completing a data-subject request in the flow that carries it out.

An erasure, a restriction, a rectification (a member correction or an annotation beside an
entry) and the lead's decision on an objection may name the request they answer
(``request_id``). Before the flow acts, :func:`claim` locks that request and checks that it is
open, of a kind the flow answers and about the same file (and member, where the flow acts on
one): otherwise the flow is refused with 422 on ``request_id`` and nothing is written. After the
flow has acted, :func:`complete` moves the request to answered (or refused) with a fixed note,
records the step and its audit event and tells the family — as the handler's own step would —
so a request answered by the act itself cannot be left open, and an act cannot claim a request
it does not answer.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Literal

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.rights import rules
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.records import OBJECT_REQUEST, add_step
from zorgafstemming.rights.service import handler_decision
from zorgafstemming.runtime import UnitOfWork

# The kinds of request a rectification (a corrected member field, an annotated entry) answers.
RECTIFICATION = ("rectification",)
RECTIFIED_NOTE = "De gegevens zijn verbeterd. Wat veranderde, ziet u bij de verbeteringen."


def answers_nothing() -> ValidationFailed:
    """The refusal of an act that names a request but changes nothing: it does not answer it."""
    return invalid(
        "The correction changes nothing, so it does not answer the request.",
        [field_error("request_id", "the correction changes nothing")],
    )


async def claim(
    uow: UnitOfWork,
    request_id: uuid.UUID,
    *,
    file_id: uuid.UUID,
    kinds: Collection[str],
    members: Collection[uuid.UUID] | None = None,
    handled_by: Principal | None = None,
) -> SubjectRequest:
    """The open request ``request_id`` of one of ``kinds`` about ``file_id``, locked until the
    flow commits; 422 on ``request_id`` otherwise. With ``members``, a request about one of
    them (scope ``member``); without, one that asks for the whole file (scope ``file``): one
    member's request never carries out an act on everyone in the file. With ``handled_by``,
    only a request that principal may take steps on (Cedar, as on the request's own page): a
    partner's correction cannot close the request the lead organisation handles."""
    row = await uow.session.get(SubjectRequest, request_id, with_for_update=True)
    wanted = " or ".join(sorted(kinds))
    whole_file = members is None
    if (
        row is None
        or row.file_id != file_id
        or row.kind not in kinds
        or row.scope != ("file" if whole_file else "member")
        or (members is not None and row.member_id not in members)
    ):
        about = "the whole file" if whole_file else "this member of the file"
        raise invalid(
            "The request named is not one this act answers.",
            [field_error("request_id", f"no {wanted} request about {about}")],
        )
    if handled_by is not None:
        decision = await handler_decision(uow, handled_by, Action.RIGHTS_REQUEST_STEP, row)
        if not decision.allowed:
            raise invalid(
                "The request named is handled by another organisation.",
                [field_error("request_id", "only those who handle this request answer it")],
            )
    if not rules.is_open(row.status):
        raise invalid(
            "The request named was already answered or refused.",
            [field_error("request_id", f"the request is {row.status}")],
        )
    return row


async def complete(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    row: SubjectRequest,
    step: Literal["answer", "refuse"],
    note: str,
) -> None:
    """Close the claimed request ``row`` with ``step`` and ``note`` (kept encrypted, shown to
    the family), as the handler who carried out the act."""
    target = rules.next_status(row.status, step)
    assert target is not None and row.file_id is not None  # claim() checked both
    key = await uow.runtime.cipher.key_for(uow.session, FILE_OWNER, row.file_id)
    row.status = target
    row.closed_at = uow.runtime.clock()
    await uow.session.flush()
    await add_step(uow, principal, key, row, step, note)
    await record(
        uow,
        ctx,
        Action.RIGHTS_REQUEST_STEP,
        "allowed",
        object_type=OBJECT_REQUEST,
        object_id=row.id,
        file_id=row.file_id,
    )
