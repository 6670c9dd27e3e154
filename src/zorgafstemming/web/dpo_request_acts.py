"""The request a DPO's act answers, as the act's form needs it.

An erasure (``/fg/wissen``) and a restriction on request (``/fg/beperkingen``) start from an
open data-subject request of their kind, reached from the request's own page; the file, the
member and the reach of the act (that member's data, or the whole file, as the request asks)
come from the request, never from what was typed. The service checks the request again, in the
transaction that acts (:func:`zorgafstemming.rights.links.claim`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from zorgafstemming.audit.references import short_reference
from zorgafstemming.identity.auth import Caller
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.rules import is_open

ALREADY_DECIDED = (
    "Over dit verzoek is al beslist: het is beantwoord of geweigerd, of het dossier is al gewist."
)


class NoActRequest(Exception):
    """The form names no request the act can answer; ``status`` and ``message`` say why, in
    Dutch."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class ActRequest:
    """An open request of the act's kind: ids, what it asks for (``scope``: ``member`` or
    ``file``) and the file's short reference."""

    id: uuid.UUID
    file_id: uuid.UUID
    member_id: uuid.UUID | None
    scope: str
    reference: str

    @property
    def act_member(self) -> uuid.UUID | None:
        """The member the act is about; None for the whole file."""
        return self.member_id if self.scope == "member" else None


def parse_id(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID((text or "").strip())
    except ValueError:
        return None


async def act_request(caller: Caller, text: str | None, kind: str, wrong: str) -> ActRequest:
    """The request ``text`` names when an act of ``kind`` can still answer it: an open request
    of that kind about a file (and, for one member's request, a member) still there. Otherwise
    :class:`NoActRequest`: 422 for no request named (with ``wrong``), 404 for none of that kind,
    409 when it is closed or what it is about was erased."""
    request_id = parse_id(text)
    if request_id is None:
        raise NoActRequest(422, wrong)
    async with caller.unit_of_work() as uow:
        row = (
            await uow.session.execute(
                select(
                    SubjectRequest.kind,
                    SubjectRequest.status,
                    SubjectRequest.file_id,
                    SubjectRequest.member_id,
                    SubjectRequest.scope,
                    SubjectRequest.file_ref,
                ).where(SubjectRequest.id == request_id)
            )
        ).one_or_none()
    if row is None or row.kind != kind:
        raise NoActRequest(404, wrong)
    gone = row.file_id is None or (row.scope == "member" and row.member_id is None)
    if not is_open(row.status) or gone:
        raise NoActRequest(409, ALREADY_DECIDED)
    return ActRequest(
        request_id, row.file_id, row.member_id, row.scope, short_reference(row.file_ref)
    )
