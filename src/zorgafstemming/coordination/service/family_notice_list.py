"""The family's portal notices: what happened to which consent about them, newest first, in
pages with an opaque cursor. A notice names the kind, the file, the consent, the recording
organisation and the time — never any content."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime

from sqlalchemy import and_, or_, select

from zorgafstemming.audit.service import AuditContext, record
from zorgafstemming.authz.actions import Action
from zorgafstemming.coordination.models import CoordinationFile, FamilyNotice, Member
from zorgafstemming.coordination.schemas import FamilyNoticePage, FamilyNoticeView, OrganisationRef
from zorgafstemming.coordination.service.checks import field_error, invalid
from zorgafstemming.identity.models import Organisation
from zorgafstemming.identity.principal import Principal
from zorgafstemming.problems import ValidationFailed
from zorgafstemming.runtime import UnitOfWork


def encode_cursor(created_at: datetime, notice_id: uuid.UUID) -> str:
    """An opaque cursor after the notice of this time and id."""
    raw = f"{created_at.isoformat()}|{notice_id}".encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The time and id a cursor stands for; a cursor this service did not make is refused."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, notice_id = raw.partition("|")
        parsed = datetime.fromisoformat(at)
        if parsed.tzinfo is None:
            raise ValueError("naive")
        return parsed, uuid.UUID(notice_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid(
            "Not a cursor of this list.", [field_error("after", "not a cursor")]
        ) from None


async def family_notices(
    uow: UnitOfWork,
    principal: Principal,
    audit: AuditContext,
    *,
    limit: int,
    after: str | None = None,
) -> FamilyNoticePage:
    """The notices for the members linked to the caller's account (files not purged)."""
    try:
        cursor = decode_cursor(after) if after else None
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
        .where(Member.account_id == principal.account_id, CoordinationFile.status != "purged")
        .order_by(FamilyNotice.created_at.desc(), FamilyNotice.id.desc())
        .limit(limit + 1)
    )
    if cursor is not None:
        at, notice_id = cursor
        stmt = stmt.where(
            or_(
                FamilyNotice.created_at < at,
                and_(FamilyNotice.created_at == at, FamilyNotice.id < notice_id),
            )
        )
    rows = list((await uow.session.execute(stmt)).all())
    await record(uow, audit, Action.FAMILY_NOTICE_LIST, "allowed", object_type="family_notice_list")
    page, more = rows[:limit], len(rows) > limit
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
            )
            for r in page
        ],
        next=encode_cursor(page[-1].created_at, page[-1].id) if more and page else None,
    )
