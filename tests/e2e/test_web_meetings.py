"""A case meeting in the browser: the lead plans it from the file (dd/mm/jjjj, uu:mm), sees it
in the planner and on its own page; the parent sees it in the portal. Every page passes the
shared checks (axe, 320 px, no inline code)."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in_by_keyboard
from tests.e2e.pagecheck import check_page
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer


def test_the_lead_plans_a_meeting_that_the_parent_sees(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    day = date(date.today().year + 1, 7, 1)
    planner = f"/dossiers/{seeded.file_id}/overleg"

    sign_in_by_keyboard(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"{live_server.url}/dossiers/{seeded.file_id}")
    page.get_by_role("link", name="Casusoverleg plannen en bekijken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casusoverleg")
    check_page(page, "casusoverleg-plannen")
    page.get_by_label("Datum").fill(day.strftime("%d/%m/%Y"))
    page.get_by_label("Beginuur").fill("10:00")
    page.get_by_label("Einduur").fill("11:30")
    page.get_by_label("Plaats of videolink").fill("Huis van het Kind Zoersel")
    page.get_by_label("Agendapunt 1").fill("Hoe gaat het thuis?")
    page.get_by_label(seeded.partner_org_name).check()
    page.get_by_role("group", name="Gezinsleden uitnodigen").get_by_label("Els Peeters").check()
    with page.expect_response(
        lambda r: r.url.endswith(planner) and r.request.method == "POST"
    ) as posted:
        page.get_by_role("button", name="Overleg plannen en uitnodigen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Het casusoverleg is gepland")
    when = f"{day.strftime('%d/%m/%Y')}, van 10:00 tot 11:30"
    page.get_by_role("link", name=when).click()
    expect(page.get_by_text("Hoe gaat het thuis?")).to_be_visible()
    check_page(page, "casusoverleg")

    page.context.clear_cookies()
    sign_in_by_keyboard(page, live_server, seeded.parent, "/mijn")
    page.goto(f"{live_server.url}/mijn/dossiers/{seeded.file_id}")
    expect(page.get_by_role("heading", name="Uw casusoverleggen")).to_be_visible()
    expect(page.get_by_text("Huis van het Kind Zoersel")).to_be_visible()
    check_page(page, "casusoverleg-gezin")
