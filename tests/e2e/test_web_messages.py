"""Messages in the browser: the lead starts a thread to the family with an attachment, the
parent reads it under Berichten and answers. Every message page is axe-clean, has no inline
code and fits 320 px."""

from __future__ import annotations

from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.evidence import pdf_scan
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer


def test_the_lead_writes_to_the_family_who_answers(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}")
    page.get_by_role("link", name="Berichten bekijken en een gesprek starten").click()
    check_page(page, "berichten-dossier")
    page.get_by_label("De partners en het gezin").check()
    page.get_by_label("Soort gegevens").select_option("care_plan")
    page.locator('input[name="about"]').first.check()
    page.get_by_label("Onderwerp").fill("Afspraak bij het OCMW")
    page.get_by_label("Bericht", exact=True).fill("Past dinsdag om 10 uur?")
    page.get_by_label("Bijlage").set_input_files(
        FilePayload(name="uitnodiging.pdf", mimeType="application/pdf", buffer=pdf_scan())
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Gesprek starten").click()
    assert posted.value.status == 303
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak bij het OCMW")
    expect(page.get_by_role("link", name="Bijlage 1 downloaden")).to_be_visible()
    check_page(page, "berichten-gesprek")

    family_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    family = family_context.new_page()
    sign_in(family, live_server, seeded.parent, "/mijn")
    family.get_by_role("link", name="Berichten").first.click()
    check_page(family, "berichten-gezin")
    family.get_by_role("link", name="Afspraak bij het OCMW").click()
    expect(family.get_by_text("Past dinsdag om 10 uur?")).to_be_visible()
    check_page(family, "berichten-gezin-gesprek")
    family.get_by_label("Uw antwoord").fill("Dinsdag past ons.")
    with family.expect_response(lambda r: r.request.method == "POST") as answered:
        family.get_by_role("button", name="Versturen").click()
    assert answered.value.status == 303
    expect(family.get_by_role("status")).to_contain_text("Uw bericht is verstuurd")
    expect(family.get_by_text("Dinsdag past ons.")).to_be_visible()
    family_context.close()
    assert console.messages == []
