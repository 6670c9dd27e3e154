"""Steps shared by the browser journeys."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import msgspec
from playwright.sync_api import Page, expect

from tests.e2e.conftest import LiveServer
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.assignments import accept_links, assign
from tests.factories.evidence import staged_scan
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


def sign_in(page: Page, live_server: LiveServer, account: TestAccount, home: str) -> None:
    """Sign in through the form with e-mail, password and a fresh code; lands on ``home``."""
    assert account.email is not None
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(account.email)
    page.get_by_label("Wachtwoord").fill(account.password)
    page.get_by_label("Code uit uw authenticator-app").fill(
        live_server.next_code(account.totp_secret)
    )
    with page.expect_response(
        lambda r: r.url.endswith("/aanmelden") and r.request.method == "POST"
    ) as posted:
        page.get_by_role("button", name="Aanmelden").click()
    assert posted.value.status == 303
    expect(page).to_have_url(live_server.url + home)


def sign_in_by_keyboard(
    page: Page, live_server: LiveServer, account: TestAccount, home: str
) -> None:
    """Sign in using only the keyboard: Tab between fields, Enter to submit."""
    from tests.e2e.pagecheck import tab_to

    assert account.email is not None
    page.goto("/aanmelden")
    tab_to(page, "#f-email")
    page.keyboard.type(account.email)
    tab_to(page, "#f-password")
    page.keyboard.type(account.password)
    tab_to(page, "#f-otp")
    page.keyboard.type(live_server.next_code(account.totp_secret))
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + home)


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
