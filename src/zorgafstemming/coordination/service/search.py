"""Finding a family among the files the caller may see: by exact national number (its blind
index) or by family name + birth year (the name index). Every search is audited with the
number of files found, never the terms.

A file is found only when the caller may read it (the organisation takes part, the caller is
assigned, the file is open) and a consent in force covers the matched member's identity data
for the caller's organisation. A match in a file the caller may not see answers exactly like
no match: the lookup reads only the index entries of the files the caller may see and compares
the digests itself, so its work never depends on what other files hold.
"""

from __future__ import annotations

import hmac
import uuid
from typing import Any

from sqlalchemy import exists, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.access_models import FileAssignment
from zorgafstemming.coordination.directory import INSZ_INDEX
from zorgafstemming.coordination.models import (
    ConsentRecipient,
    ConsentRecord,
    CoordinationFile,
    Member,
    Participant,
)
from zorgafstemming.coordination.recognition import NAME_INDEX, name_index_value
from zorgafstemming.coordination.restriction.rules import without_restricted
from zorgafstemming.coordination.schemas import FilePage, FileSummary
from zorgafstemming.coordination.search_schemas import FileSearch
from zorgafstemming.coordination.service.checks import field_error, raise_if
from zorgafstemming.coordination.service.facts import (
    FILE_OWNER,
    facts_of_files,
)
from zorgafstemming.coordination.service.facts_query import consent_end, consent_withdrawn
from zorgafstemming.coordination.service.file_labels import (
    IDENTITY,
    file_labels,
    file_restricted,
    listed_status,
    reference_of,
)
from zorgafstemming.coordination.service.files import LAST_ACTIVITY
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.crypto.fields import DataKey, FieldCipher
from zorgafstemming.crypto.models import BlindIndex
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import one_id_page, read_after_id
from zorgafstemming.runtime import UnitOfWork


def search_terms(data: FileSearch) -> tuple[str, str]:
    """The blind index to look in and the normalised value to look for; a 422 naming the
    fields (never echoing them) when the terms are not one complete, valid kind."""
    by_number = data.insz is not None
    by_name = data.family_name is not None or data.birth_year is not None
    if by_number and by_name:
        raise_if([field_error("insz", "search by national number or by name, not both")])
    if by_number:
        assert data.insz is not None
        try:
            return INSZ_INDEX, rules.normalise_insz(data.insz)
        except rules.InvalidInsz:
            raise_if([field_error("insz", "not a valid national register number")])
    errors = []
    if data.family_name is None:
        errors.append(field_error("family_name", "give a family name (or a national number)"))
    if data.birth_year is None:
        errors.append(field_error("birth_year", "give the birth year with the family name"))
    raise_if(errors)
    assert data.family_name is not None and data.birth_year is not None
    value = name_index_value(data.family_name, data.birth_year)
    if value is None:
        raise_if([field_error("family_name", "holds no letters")])
    assert value is not None
    return NAME_INDEX, value


def _visible_files(uow: UnitOfWork, principal: Principal) -> Any:
    """The ids of the open files the caller is assigned to, in an organisation that takes
    part under a consent that names it and is in force (the full rule follows per member)."""
    org, now = principal.organisation_id, uow.runtime.clock()
    return (
        select(CoordinationFile.id)
        .join(Participant, Participant.file_id == CoordinationFile.id)
        .where(
            Participant.organisation_id == org,
            CoordinationFile.status == "open",
            exists().where(
                FileAssignment.file_id == CoordinationFile.id,
                FileAssignment.account_id == principal.account_id,
                FileAssignment.organisation_id == org,
                FileAssignment.ended_at.is_(None),
            ),
            exists().where(
                ConsentRecord.file_id == CoordinationFile.id,
                ConsentRecipient.consent_id == ConsentRecord.id,
                ConsentRecipient.organisation_id == org,
                ConsentRecord.valid_from <= now,
                consent_end() > now,
                ~consent_withdrawn(),
            ),
        )
    )


async def _confirmed(
    uow: UnitOfWork, org: uuid.UUID, column: str, value: str, found: list[Any]
) -> set[uuid.UUID]:
    """The files of ``found`` (member, file) whose member a consent in force covers for
    identity data and whose decrypted value really is ``value`` (the index is truncated)."""
    session, cipher = uow.session, uow.runtime.cipher
    now = uow.runtime.clock()
    purpose = vocabulary().purpose_of(Action.COORDINATION_FILE_READ.value)
    facts = await facts_of_files(session, cipher, list({f.owner_id for f in found}))
    rows = (
        await session.execute(
            select(
                Member.id,
                Member.file_id,
                Member.insz_enc,
                Member.family_name_enc,
                Member.birth_date_enc,
            ).where(Member.id.in_([f.subject_id for f in found]), Member.ended_at.is_(None))
        )
    ).all()
    files: set[uuid.UUID] = set()
    for row in rows:
        file_facts = facts.get(row.file_id)
        if file_facts is None or file_facts.key is None:
            continue
        # A restricted member is not matched (their data is withheld); a restricted file is
        # found, and listed as restricted without a label.
        covered = without_restricted(
            rules.covered_categories(
                file_facts.consents, file_facts.members, organisation=org, purpose=purpose, at=now
            ),
            file_facts.restricted_members,
        )
        if IDENTITY not in covered.get(row.id, frozenset()):
            continue
        if _same(cipher, file_facts.key, row, column, value):
            files.add(row.file_id)
    return files


def _same(cipher: FieldCipher, key: DataKey, row: Any, column: str, value: str) -> bool:
    """Whether the member ``row`` really has ``value`` in the index ``column`` (decrypted)."""

    def plain(name: str, blob: bytes) -> str:
        return cipher.decrypt(key, table="members", column=name, row_id=row.id, blob=blob)

    if column == INSZ_INDEX:
        return row.insz_enc is not None and plain("insz_enc", row.insz_enc) == value
    birth = plain("birth_date_enc", row.birth_date_enc)
    name = plain("family_name_enc", row.family_name_enc)
    return name_index_value(name, int(birth[:4])) == value


async def search_files(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    data: FileSearch,
    *,
    after: str | None,
    limit: int,
) -> FilePage:
    """The files the caller may see with a member matching ``data`` exactly, by id, ``limit``
    at a time after the cursor ``after``; the search leaves one audit event with the number
    of files found."""
    column, value = search_terms(data)
    position = read_after_id(after)
    org = principal.organisation_id
    assert org is not None
    session, cipher = uow.session, uow.runtime.cipher
    # One statement: the index entries of this column in the files the caller may see; the
    # digests are compared here. The work depends only on the caller's own files, never on
    # whether the value is found in a file the caller may not see (the database is not even
    # asked about those), so such a match answers exactly like no match, in content and time.
    digest = cipher.blind_index(column, value)
    entries = (
        await session.execute(
            select(BlindIndex.subject_id, BlindIndex.owner_id, BlindIndex.digest).where(
                BlindIndex.column == column,
                BlindIndex.owner_kind == FILE_OWNER,
                BlindIndex.owner_id.in_(_visible_files(uow, principal)),
            )
        )
    ).all()
    found = [e for e in entries if hmac.compare_digest(bytes(e.digest), digest)]
    matched = await _confirmed(uow, org, column, value, found) if found else set()
    ids = sorted(f for f in matched if position is None or f > position)
    page_ids, next_cursor = one_id_page([*ids[: limit + 1]], limit, lambda f: f)
    labels, categories = await file_labels(uow, org, page_ids)
    rows = await _summaries(uow, page_ids)
    await record(
        uow,
        ctx,
        Action.COORDINATION_FILE_SEARCH,
        "allowed",
        object_type="file_search",
        # The number of files found, never the terms.
        categories={*categories, *([IDENTITY] if found else []), f"hits:{len(matched)}"},
    )
    items = [
        FileSummary(
            id=r.id,
            status=listed_status(r.status, bool(r.restricted)),
            lead_organisation_id=r.lead_organisation_id,
            opened_at=r.opened_at,
            closed_at=r.closed_at,
            reference=reference_of(uow, r.id),
            label=None if r.restricted else labels.get(r.id),
            role="lead" if r.lead_organisation_id == org else "partner",
            last_activity=r.last_activity,
        )
        for r in rows
    ]
    return FilePage(items=items, next=next_cursor)


async def _summaries(uow: UnitOfWork, file_ids: list[uuid.UUID]) -> list[Any]:
    if not file_ids:
        return []
    stmt = (
        select(
            CoordinationFile.id,
            CoordinationFile.status,
            CoordinationFile.lead_organisation_id,
            CoordinationFile.opened_at,
            CoordinationFile.closed_at,
            LAST_ACTIVITY.label("last_activity"),
            file_restricted().label("restricted"),
        )
        .where(CoordinationFile.id.in_(file_ids))
        .order_by(CoordinationFile.id)
    )
    return list((await uow.session.execute(stmt)).all())
