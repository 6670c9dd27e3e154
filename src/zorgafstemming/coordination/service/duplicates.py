"""The duplicate check before opening a file: does a file for this person (by national number)
exist anywhere in the network? The answer names only the lead organisation(s) to ask — no
file, no reference, no member — and only after the worker states why; the reason is stored
encrypted for the data protection officer, the audit event records only that a check was made.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.directory import INSZ_INDEX
from zorgafstemming.coordination.duplicate_models import REASON_OWNER, DuplicateCheck
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.search_schemas import (
    DuplicateCheckIn,
    DuplicateCheckPage,
    DuplicateCheckRecord,
    DuplicateCheckView,
    OrganisationName,
)
from zorgafstemming.coordination.service.checks import field_error, raise_if
from zorgafstemming.coordination.service.facts import FILE_OWNER
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.db import new_id
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.runtime import UnitOfWork

# A reason shorter than this says nothing.
REASON_MIN = 5
MAY_EXIST = (
    "Er bestaat mogelijk al een dossier voor deze persoon. Neem contact op met de leidende "
    "organisatie voor u een nieuw dossier opent."
)
NONE_FOUND = "Er is geen open dossier gevonden voor dit rijksregisternummer."


async def _matches(uow: UnitOfWork, number: str) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """The open files (file, lead organisation) with a current member of national number
    ``number`` (the blind index gives candidates; each is confirmed by decrypting). A member
    whose membership ended is no longer that family's: a new file for them is no duplicate."""
    session, cipher = uow.session, uow.runtime.cipher
    rows = (
        await session.execute(
            select(
                Member.id, Member.file_id, Member.insz_enc, CoordinationFile.lead_organisation_id
            )
            .join(BlindIndex, BlindIndex.subject_id == Member.id)
            .join(CoordinationFile, CoordinationFile.id == Member.file_id)
            .where(
                BlindIndex.column == INSZ_INDEX,
                BlindIndex.owner_kind == FILE_OWNER,
                BlindIndex.digest == cipher.blind_index(INSZ_INDEX, number),
                CoordinationFile.status == "open",
                Member.ended_at.is_(None),
            )
            .order_by(Member.file_id)
        )
    ).all()
    if not rows:
        return []
    keys = await cipher.load_keys(session, FILE_OWNER, list({r.file_id for r in rows}))
    found: list[tuple[uuid.UUID, uuid.UUID]] = []
    for row in rows:
        key = keys.get(row.file_id)
        if key is None or row.insz_enc is None:
            continue
        plain = cipher.decrypt(
            key, table="members", column="insz_enc", row_id=row.id, blob=row.insz_enc
        )
        if plain == number and all(f != row.file_id for f, _ in found):
            found.append((row.file_id, row.lead_organisation_id))
    return found


async def _names(uow: UnitOfWork, ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    rows = await uow.session.execute(
        select(Organisation.id, Organisation.name).where(Organisation.id.in_(ids))
    )
    return {r.id: r.name for r in rows}


async def check_duplicate(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, data: DuplicateCheckIn
) -> DuplicateCheckView:
    """Whether an open file for the person with this national number exists in the network,
    naming only its lead organisation; stored with the encrypted reason, and audited."""
    reason = data.reason.strip()
    errors = []
    number = ""
    try:
        number = rules.normalise_insz(data.insz)
    except rules.InvalidInsz:
        errors.append(field_error("insz", "not a valid national register number"))
    if len(reason) < REASON_MIN:
        errors.append(field_error("reason", "state why you check (at least 5 characters)"))
    raise_if(errors)
    org = principal.organisation_id
    assert org is not None
    runtime = uow.runtime
    matches = await _matches(uow, number)
    leads = list(dict.fromkeys(lead for _, lead in matches))
    check_id = new_id()
    key = await runtime.cipher.key_for(uow.session, *REASON_OWNER)
    await uow.session.execute(
        insert(DuplicateCheck).values(
            id=check_id,
            checked_at=runtime.clock(),
            account_id=principal.account_id,
            organisation_id=org,
            reason_enc=runtime.cipher.encrypt(
                key, table="duplicate_checks", column="reason_enc", row_id=check_id, value=reason
            ),
            answered_organisation_ids=[str(o) for o in leads],
        )
    )
    # One event per file the check touched, so the family's access log and the DPO's view of
    # that file show that an organisation asked whether the person has a file; one without a
    # file when nothing matched.
    touched: list[uuid.UUID | None] = [f for f, _ in matches]
    for file_id in touched or [None]:
        await record(
            uow,
            ctx,
            Action.COORDINATION_DUPLICATE_CHECK,
            "allowed",
            object_type="duplicate_check",
            object_id=check_id,
            file_id=file_id,
        )
    names = await _names(uow, leads)
    return DuplicateCheckView(
        id=check_id,
        may_exist=bool(leads),
        lead_organisations=[OrganisationName(id=o, name=names.get(o, "")) for o in leads],
        message=MAY_EXIST if leads else NONE_FOUND,
    )


async def list_duplicate_checks(
    uow: UnitOfWork, principal: Principal, ctx: AuditContext, *, after: str | None, limit: int
) -> DuplicateCheckPage:
    """The duplicate checks, newest first, with the reasons decrypted (the DPO's review)."""
    cursor = read_after(after)
    stmt = (
        select(
            DuplicateCheck.id,
            DuplicateCheck.checked_at,
            DuplicateCheck.account_id,
            DuplicateCheck.organisation_id,
            DuplicateCheck.reason_enc,
            DuplicateCheck.answered_organisation_ids,
        )
        .order_by(DuplicateCheck.checked_at.desc(), DuplicateCheck.id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        stmt = stmt.where(beyond(DuplicateCheck.checked_at, DuplicateCheck.id, cursor))
    rows, next_cursor = one_page(
        (await uow.session.execute(stmt)).all(), limit, lambda r: (r.checked_at, r.id)
    )
    cipher = uow.runtime.cipher
    key = await cipher.key_for(uow.session, *REASON_OWNER) if rows else None
    org_ids = {r.organisation_id for r in rows} | {
        uuid.UUID(o) for r in rows for o in r.answered_organisation_ids
    }
    names = await _names(uow, list(org_ids))
    await record(
        uow, ctx, Action.REVIEW_DUPLICATE_CHECK_LIST, "allowed", object_type="duplicate_checks"
    )

    def named(org_id: uuid.UUID) -> OrganisationName:
        return OrganisationName(id=org_id, name=names.get(org_id, ""))

    items: list[DuplicateCheckRecord] = []
    for row in rows:
        assert key is not None
        reason: Any = cipher.decrypt(
            key,
            table="duplicate_checks",
            column="reason_enc",
            row_id=row.id,
            blob=row.reason_enc,
        )
        items.append(
            DuplicateCheckRecord(
                id=row.id,
                checked_at=row.checked_at,
                account_id=row.account_id,
                organisation=named(row.organisation_id),
                reason=reason,
                answered=[named(uuid.UUID(o)) for o in row.answered_organisation_ids],
            )
        )
    return DuplicateCheckPage(items=items, next=next_cursor)
