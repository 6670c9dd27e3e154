"""The family plan in the browser: the lead's worker adds a goal in the family's words and an
action the family takes on, from the file's plan page; the family sees it on their file page
and marks it done. Every new page is axe-clean and fits 320 px, without JavaScript."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import reference_of, sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer

GOAL = "Mila slaapt weer rustig door."
ACTION = "Een vast avondritueel afspreken."


def test_a_worker_plans_a_goal_and_the_family_marks_its_action_done(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}")
    page.get_by_role("link", name="Gezinsplan: doelen en acties").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gezinsplan")
    check_page(page, "werker-gezinsplan-leeg")

    page.get_by_label("Doel, in de woorden van het gezin").fill(GOAL)
    page.locator("#f-about").get_by_label("Mila Peeters").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Doel toevoegen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("heading", name=GOAL)).to_be_visible()

    page.get_by_label("Actie", exact=True).fill(ACTION)
    page.locator("#f-a_about").get_by_label("Els Peeters").check()
    page.get_by_label("Wie neemt ze op zich?").select_option(label="Het gezin zelf")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Actie toevoegen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("heading", name=ACTION)).to_be_visible()
    check_page(page, "werker-gezinsplan")

    page.context.clear_cookies()
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.get_by_role("link", name=f"Dossier {reference_of(live_server, seeded.file_id)}").click()
    expect(page.get_by_role("heading", name="Ons gezinsplan")).to_be_visible()
    expect(page.get_by_text(ACTION, exact=True)).to_be_visible()
    check_page(page, "gezin-gezinsplan")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Gedaan").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("De actie staat op gedaan.")
    expect(page.get_by_role("button", name="Gedaan")).to_have_count(0)
    assert console.messages == []
