"""A family's file with a lead, a partner and a linked family account, on a live server."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec

from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.assignments import accept_links, assign
from tests.factories.evidence import staged_scan
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@dataclass
class FamilyFile:
    """A file opened by a worker of ``lead_org`` with a partner and a family account."""

    file_id: uuid.UUID
    consent_id: uuid.UUID
    lead: TestAccount
    partner: TestAccount
    parent: TestAccount
    lead_org_name: str
    partner_org_name: str


def _years_ago(now: datetime, years: int) -> str:
    return now.date().replace(year=now.year - years, day=1).isoformat()


def seed_family_file(
    live_server: LiveServer, *, link_parent: bool = True, accept_link: bool = True
) -> FamilyFile:
    """Open a family's file through the coordination service (fast), with the parent's consent
    for two organisations (identity, care plan and case notes only), the partner's worker
    assigned, and a family account asked to link to the parent (unless ``link_parent`` is
    false: the worker invites them then), its link accepted unless ``accept_link`` is off."""
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.schemas import FileCreate
    from zorgafstemming.coordination.service import file_opening, invitations, participants

    tag = uuid.uuid4().hex[:6]

    async def make(runtime: Runtime) -> FamilyFile:
        lead_name, partner_name = f"CAW De Kempen {tag}", f"CLB Zoersel {tag}"
        lead_org = await create_organisation(runtime, name=lead_name, kind="youth_welfare")
        partner_org = await create_organisation(runtime, name=partner_name, kind="pupil_guidance")
        lead = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=lead_org)
        partner = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=partner_org)
        parent = await create_account(runtime, Role.FAMILY, email=f"ouder-{tag}@example.org")
        now = runtime.clock()
        body = {
            "members": [
                {
                    "ref": "parent",
                    "role": "parent",
                    "given_name": "Els",
                    "family_name": "Peeters",
                    "birth_date": _years_ago(now, 40),
                    "address": "Kerkstraat 1, 2980 Zoersel",
                },
                {
                    "ref": "child",
                    "role": "child",
                    "given_name": "Mila",
                    "family_name": "Peeters",
                    "birth_date": _years_ago(now, 8),
                },
            ],
            "consents": [
                {
                    "given_by": "parent",
                    "members": ["parent", "child"],
                    "recipients": [str(lead_org), str(partner_org)],
                    "purposes": ["care_coordination", "case_meeting"],
                    "categories": ["identity", "care_plan", "case_notes"],
                    "evidence_id": str(await staged_scan(runtime, lead.principal())),
                    "notice_version": "2026-1",
                    "valid_until": (now + timedelta(days=365)).isoformat(),
                }
            ],
        }
        ctx = AuditContext()
        async with runtime.unit_of_work() as uow:
            view = await file_opening.open_file(
                uow, lead.principal(), ctx, msgspec.convert(body, FileCreate)
            )
            await participants.add_participant(uow, lead.principal(), ctx, view.id, partner_org)
            parent_member = next(m.id for m in view.members if m.role == "parent")
            if link_parent:
                await invitations.invite_member(
                    uow, lead.principal(), ctx, view.id, parent_member, parent.id
                )
        # The partner's coordinator assigns its worker; the parent accepts the link.
        await assign(runtime, view.id, partner)
        if link_parent and accept_link:
            await accept_links(runtime, parent)
        return FamilyFile(
            view.id, view.consents[0].id, lead, partner, parent, lead_name, partner_name
        )

    return live_server.run(make)
