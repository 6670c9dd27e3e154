"""The family's portal notices: what happened to which consent about them, newest first, in
pages with an opaque cursor. A notice names the kind, the file, the consent, the recording
organisation and the time — never any content."""

from __future__ import annotations

from sqlalchemy import select

from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.family_schemas import (
    FamilyNoticePage,
    FamilyNoticeView,
    OrganisationRef,
)
from zorgafstemming.coordination.models import CoordinationFile, Member
from zorgafstemming.coordination.notice_models import FamilyNotice
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.paging import beyond, one_page, read_after
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.runtime import UnitOfWork


async def family_notices(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> FamilyNoticePage:
    """The notices for the members linked to the caller's account (files not purged), newest
    first by (created_at, id), ``limit`` at a time after the cursor ``after``."""
    try:
        cursor = read_after(after)
    except ValidationFailed:
        await record(
            uow, audit, Action.FAMILY_NOTICE_LIST, "denied", object_type="family_notice_list"
        )
        raise
    stmt = (
        select(
            FamilyNotice.id,
            FamilyNotice.kind,
            FamilyNotice.file_id,
            FamilyNotice.consent_id,
            FamilyNotice.actor_organisation_id,
            FamilyNotice.created_at,
            Organisation.name,
        )
        .join(Member, Member.id == FamilyNotice.member_id)
        .join(CoordinationFile, CoordinationFile.id == FamilyNotice.file_id)
        .outerjoin(Organisation, Organisation.id == FamilyNotice.actor_organisation_id)
        .where(
            Member.account_id == principal.account_id,
            Member.ended_at.is_(None),  # a member who left is no longer told about the file
            CoordinationFile.status != "purged",
            # A notice dated ahead (an emergency access the family is told about once it ended)
            # shows from that moment.
            FamilyNotice.created_at <= uow.runtime.clock(),
        )
        .order_by(FamilyNotice.created_at.desc(), FamilyNotice.id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        stmt = stmt.where(beyond(FamilyNotice.created_at, FamilyNotice.id, cursor))
    rows = list((await uow.session.execute(stmt)).all())
    await record(uow, audit, Action.FAMILY_NOTICE_LIST, "allowed", object_type="family_notice_list")
    page, next_cursor = one_page(rows, limit, lambda r: (r.created_at, r.id))
    return FamilyNoticePage(
        items=[
            FamilyNoticeView(
                id=r.id,
                kind=r.kind,
                file_id=r.file_id,
                consent_id=r.consent_id,
                organisation=(
                    OrganisationRef(id=r.actor_organisation_id, name=r.name)
                    if r.actor_organisation_id is not None
                    else None
                ),
                created_at=r.created_at,
                reference=file_reference(uow.runtime.secrets.audit_key, r.file_id),
            )
            for r in page
        ],
        next=next_cursor,
    )
