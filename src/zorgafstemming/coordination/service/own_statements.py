"""A youth's own statement (GDPR art. 16, supplementary statement): a family member of 12 or
older adds, in the portal, a journal entry about themselves.

It is an entry of kind ``own_statement`` (category ``case_notes``), about the writer alone,
encrypted under the file's key and shown to the partners under their consent like any entry of
that category. Nobody writes it for someone else: a parent cannot add one for their child of 12
or older (who speaks for themselves, decree on the legal position of minors art. 4), and a child
under 12 has no statement of their own in the portal. The entry's organisation column names the
lead organisation, which keeps the file's journal; ``own_statements`` names the member who wrote
it.
"""

from __future__ import annotations

import uuid

from sqlalchemy import insert, select

from zorgafstemming.audit.service import AuditContext
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination import rules
from zorgafstemming.coordination.annotation_models import OwnStatement
from zorgafstemming.coordination.models import CoordinationFile, Entry, EntryMember
from zorgafstemming.coordination.schemas import EntryView, OwnStatementIn
from zorgafstemming.coordination.service.entries import OWN_STATEMENT
from zorgafstemming.coordination.service.errors import FileClosed, file_not_found
from zorgafstemming.coordination.service.facts import FILE_OWNER, member_facts
from zorgafstemming.coordination.service.family import member_gate
from zorgafstemming.coordination.service.views import member_rows
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import UnitOfWork

STATEMENT_AGE = 12


class OwnStatementOnly(
    ProblemError, status=403, slug="own-statement-only", title="Only about yourself, from 12"
):
    """A statement for someone else, or by a member under 12."""


async def add_own_statement(
    uow: UnitOfWork,
    principal: Principal,
    ctx: AuditContext,
    file_id: uuid.UUID,
    data: OwnStatementIn,
) -> EntryView:
    """Add the caller's own statement about themselves (``data.member_id`` is the caller's own
    membership, 12 or older) to the file's journal.

    404 for a file the caller does not belong to; 403 ``own-statement-only`` for a statement
    about someone else or by a member under 12; 409 ``file-closed`` on a closed file."""
    action = Action.FAMILY_STATEMENT_CREATE
    category = vocabulary().entry_kinds[OWN_STATEMENT].default_category
    gate, mine = await member_gate(uow, principal, ctx, action, file_id)
    if not mine or not gate.allowed:
        await gate.refuse(file_not_found())
    session, cipher, now = uow.session, uow.runtime.cipher, uow.runtime.clock()
    file = (
        await session.execute(
            select(CoordinationFile.status, CoordinationFile.lead_organisation_id).where(
                CoordinationFile.id == file_id
            )
        )
    ).one()
    if file.status != "open":
        await gate.refuse(FileClosed("The file is closed; its journal is read-only."))
    own = mine[0].id
    key = await cipher.key_for(session, FILE_OWNER, file_id)
    row = next(r for r in await member_rows(session, file_id, [own]))
    writer = member_facts(cipher, key, row.id, row.role, row.birth_date_enc)
    if data.member_id != own or rules.age_at(writer.birth_date, now) < STATEMENT_AGE:
        await gate.refuse(
            OwnStatementOnly(
                "A family member of 12 or older adds a statement about themselves only."
            ),
            categories=[category],
        )
    entry_id = new_id()
    await session.execute(
        insert(Entry).values(
            id=entry_id,
            file_id=file_id,
            kind=OWN_STATEMENT,
            category=category,
            confidential=False,
            body_enc=cipher.encrypt(
                key, table="entries", column="body_enc", row_id=entry_id, value=data.body
            ),
            author_account_id=principal.account_id,
            author_organisation_id=file.lead_organisation_id,
            created_at=now,
        )
    )
    await session.execute(insert(EntryMember).values(entry_id=entry_id, member_id=own))
    await session.execute(
        insert(OwnStatement).values(entry_id=entry_id, member_id=own, request_id=data.request_id)
    )
    await gate.allow(categories=[category])
    return EntryView(
        id=entry_id,
        kind=OWN_STATEMENT,
        category=category,
        about=[own],
        body=data.body,
        confidential=False,
        author_organisation_id=file.lead_organisation_id,
        created_at=now,
    )
