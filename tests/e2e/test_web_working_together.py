"""Working together in the browser, end to end: the lead plans a case meeting, writes the minutes
with a decision for the partner, puts that decision in the family plan in one step; the partner
finds it on its task list and marks it done; the family sees the progress in the portal and
answers the lead's message. The new step's page is axe-clean and fits 320 px."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import reference_of, sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer

GOAL = "Mila gaat met plezier naar school."
DECISION = "Gesprek met de klasleerkracht plannen."


def test_a_meeting_decision_becomes_the_partners_task_and_the_family_follows_it(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    yesterday = date.today() - timedelta(days=1)
    sign_in(page, live_server, seeded.lead, "/dossiers")

    # The goal the decision will serve.
    page.goto(f"/dossiers/{seeded.file_id}/plan")
    page.get_by_label("Doel, in de woorden van het gezin").fill(GOAL)
    page.locator("#f-about").get_by_label("Mila Peeters").check()
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("heading", name=GOAL)).to_be_visible()

    # A meeting that has taken place (yesterday), with the partner invited.
    page.goto(f"/dossiers/{seeded.file_id}/overleg")
    page.get_by_label("Datum").fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_label("Beginuur").fill("00:05")
    page.get_by_label("Einduur").fill("00:45")
    page.get_by_label("Agendapunt 1").fill("Hoe gaat het op school?")
    page.get_by_label(seeded.partner_org_name).check()
    page.get_by_role("button", name="Overleg plannen en uitnodigen").click()
    page.get_by_role("link", name=f"{yesterday.strftime('%d/%m/%Y')}, van 00:05 tot 00:45").click()

    # The minutes, with the partner's decision; then the decision into the plan, in one step.
    page.get_by_role("textbox", name="Verslag").fill("Mila voelt zich niet goed in de klas.")
    page.locator("#f-besluit_0").fill(DECISION)
    page.get_by_label("Wie neemt besluit 1 op?").select_option(label=seeded.partner_org_name)
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het verslag en de besluiten")
    page.get_by_label("Bij welk doel?").select_option(label=GOAL)
    check_page(page, "casusoverleg-besluiten-naar-plan")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Besluiten als acties in het gezinsplan zetten").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("De besluiten staan als acties")
    expect(page.get_by_text("In het gezinsplan", exact=True)).to_be_visible()

    # The lead writes to the family.
    page.goto(f"/dossiers/{seeded.file_id}/berichten")
    page.get_by_label("De partners en het gezin").check()
    page.get_by_label("Soort gegevens").select_option("care_plan")
    page.locator('input[name="about"]').first.check()
    page.get_by_label("Onderwerp").fill("Gesprek op school")
    page.get_by_label("Bericht", exact=True).fill("Het CLB plant een gesprek op school.")
    page.get_by_role("button", name="Gesprek starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek op school")

    # The partner finds the action on its task list and marks it done.
    partner_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    partner = partner_context.new_page()
    sign_in(partner, live_server, seeded.partner, "/dossiers")
    partner.get_by_role("link", name="Actie uit het gezinsplan").first.click()
    expect(partner.get_by_role("heading", name=DECISION)).to_be_visible()
    partner.get_by_label("Nieuwe stand").select_option(label="Gedaan")
    with partner.expect_response(lambda r: r.request.method == "POST") as done:
        partner.get_by_role("button", name="Stand bewaren").click()
    assert done.value.status == 303
    partner_context.close()

    # The family sees the progress and answers the message.
    family_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    family = family_context.new_page()
    sign_in(family, live_server, seeded.parent, "/mijn")
    family.get_by_role("link", name=f"Dossier {reference_of(live_server, seeded.file_id)}").click()
    expect(family.get_by_text(DECISION)).to_be_visible()
    expect(family.get_by_text("Gedaan").first).to_be_visible()
    family.get_by_role("link", name="Berichten").first.click()
    family.get_by_role("link", name="Gesprek op school").click()
    family.get_by_label("Uw antwoord").fill("Dank u, wij komen graag.")
    with family.expect_response(lambda r: r.request.method == "POST") as answered:
        family.get_by_role("button", name="Versturen").click()
    assert answered.value.status == 303
    expect(family.get_by_text("Dank u, wij komen graag.")).to_be_visible()
    family_context.close()
    assert console.messages == []
