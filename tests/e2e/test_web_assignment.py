"""Who reaches a file, in the browser: a coordinator assigns a colleague from the overview of
files nobody assigned them to, and the colleague then sees and opens the file; a family member
accepts an organisation's request to link their account to a file."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import reference_of, sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.assignments import make_coordinator
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role


def _team(live_server: LiveServer, organisation_id: Any) -> tuple[TestAccount, TestAccount]:
    """A coordinator of the organisation and a colleague nobody assigned to anything yet."""

    async def make(runtime: Any) -> tuple[TestAccount, TestAccount]:
        coordinator = await create_account(
            runtime, Role.SOCIAL_WORKER, organisation_id=organisation_id
        )
        await make_coordinator(runtime, coordinator)
        colleague = await create_account(
            runtime, Role.SOCIAL_WORKER, organisation_id=organisation_id
        )
        return coordinator, colleague

    return live_server.run(make)


def test_a_coordinator_assigns_a_colleague_who_then_sees_the_file(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    coordinator, colleague = _team(live_server, seeded.lead.organisation_id)
    assert colleague.email is not None
    short = reference_of(live_server, seeded.file_id)

    other_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    other = other_context.new_page()
    other_console = watch_console(other)
    sign_in(other, live_server, colleague, "/dossiers")
    expect(other.get_by_text("U hebt nu geen dossiers.")).to_be_visible()

    sign_in(page, live_server, coordinator, "/dossiers")
    # The coordinator is not assigned: the file is listed to assign someone, not to open it.
    expect(page.get_by_text("niet toegewezen")).to_be_visible()
    expect(page.get_by_role("link", name="Gezin Peeters")).to_have_count(0)
    check_page(page, "coordinator-dossiers")
    page.get_by_label(f"Collega voor dossier {short}").select_option(label=colleague.email)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=f"Toewijzen aan dossier {short}").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("De collega is aan het dossier toegewezen")

    # The colleague's very next page shows the file, and it opens.
    other.goto("/dossiers")
    other.get_by_role("link", name="Gezin Peeters").click()
    expect(other.get_by_role("heading", name="Els Peeters")).to_be_visible()
    team = other.get_by_role("list", name="Toegewezen hulpverleners")
    expect(team).to_contain_text(colleague.email)
    assert seeded.partner.email is not None
    expect(other.get_by_text(seeded.partner.email)).to_have_count(0)  # another organisation
    check_page(other, "hulpverlener-dossier-toegewezen")
    assert other_console.messages == []
    other_context.close()


def test_a_family_member_accepts_a_link_request_and_then_sees_the_file(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server, accept_link=False)
    sign_in(page, live_server, seeded.parent, "/mijn")
    # Nothing of the file before the answer: only who asks.
    expect(page.get_by_text("U hebt geen dossier.")).to_be_visible()
    request = page.get_by_role("region", name="Een organisatie wil uw account koppelen")
    expect(request).to_contain_text(seeded.lead_org_name)
    check_page(page, "gezin-koppeling")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        request.get_by_role("button", name="Aanvaarden").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("U hebt de koppeling aanvaard")
    page.get_by_role("link", name=f"Dossier {reference_of(live_server, seeded.file_id)}").click()
    expect(page.get_by_role("heading", name="Els Peeters")).to_be_visible()
