"""Two more kinds of data-subject request in the browser. Rectification: a parent asks for their
name to be corrected; the lead organisation's worker hears of it, reads the request in the
correction form, corrects the field naming that request; the parent sees the request answered
and the old and new value in the history of corrections. Portability: a parent asks for their
data in a file to give to another organisation; the DPO answers from the queue (the answer is a
fixed text, a typed one is refused); the parent opens the answered request, reads the fixed
note and downloads the machine-readable file, which holds the family's data and names the
organisations."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import reference_of, sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role

RECTIFICATION = "Verbetering van de gegevens"
WRONG_NAME = "Mijn familienaam staat fout: het is Peeters-Van Dyck."
PORTABILITY = "Overdracht van de gegevens"
CARRIED = "Ik wil onze gegevens meenemen naar de nieuwe dienst in Antwerpen."
PORTABILITY_NOTE = "Uw verzoek om overdracht is beantwoord."


def test_a_rectification_request_is_answered_by_the_leads_correction(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    reference = reference_of(live_server, seeded.file_id)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.goto("/mijn/verzoeken")
    page.get_by_label("Wat vraagt u?").select_option(label=RECTIFICATION)
    page.get_by_label("Over wie gaat het verzoek?").select_option(
        label=f"Uzelf (Els) — dossier {reference}"
    )
    # Without saying what is wrong, nothing is filed.
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert refused.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Schrijf kort wat u vraagt.")
    expect(page.get_by_text("U hebt nog geen verzoek ingediend.")).to_be_visible()
    expect(page.get_by_label("Wat vraagt u?")).to_have_value("rectification")
    page.get_by_label("Wat vraagt u precies?").fill(WRONG_NAME)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw verzoek is ingediend")
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text(RECTIFICATION)
    expect(row).to_contain_text("Ontvangen")

    # The lead organisation is told (without the content) and finds the request on the file
    # page and in the form.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    lead = context.new_page()
    lead_console = watch_console(lead)
    sign_in(lead, live_server, seeded.lead, "/dossiers")
    lead.get_by_role("link", name="Meldingen").click()
    told = lead.get_by_role("listitem").filter(
        has_text="Een gezinslid vraagt een verbetering van gegevens"
    )
    expect(told).to_contain_text("Uw organisatie leidt het dossier en behandelt het verzoek")
    expect(told).not_to_contain_text("Peeters-Van Dyck")
    told.get_by_role("link", name=f"Dossier {reference}").click()
    # The file page lists the family's open request, with the way to answer it.
    waiting = lead.get_by_role("region", name="Verzoeken van het gezin om te verbeteren")
    expect(waiting).to_contain_text("Over Els Peeters")
    check_page(lead, "dossier-verzoeken-verbeteren")
    waiting.get_by_role("link", name="Verbeteren op verzoek van Els Peeters").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("Gegevens verbeteren van Els Peeters")
    asked = lead.get_by_role(
        "group", name="Beantwoordt deze verbetering een verzoek van het gezin?"
    )
    expect(asked).to_contain_text(WRONG_NAME)
    expect(asked.get_by_label("Nee, geen verzoek")).to_be_checked()
    check_page(lead, "lid-verbeteren-verzoek")

    asked.get_by_label(re.compile(r"^Ja, het verzoek van ")).check()
    lead.get_by_label("Familienaam").fill("Peeters-Van Dyck")
    # Without a reason nothing is stored; the request chosen stays chosen.
    with lead.expect_response(lambda r: r.request.method == "POST") as refused:
        lead.get_by_role("button", name="Verbetering bewaren").click()
    assert refused.value.status == 422
    expect(lead.get_by_role("alert")).to_contain_text("Kies waarom u de gegevens verbetert.")
    expect(asked.get_by_label(re.compile(r"^Ja, het verzoek van "))).to_be_checked()
    expect(lead.get_by_label("Familienaam")).to_have_value("Peeters-Van Dyck")
    check_page(lead, "lid-verbeteren-verzoek-fout")
    lead.get_by_label("Waarom verbetert u dit?").select_option(label="Tikfout")
    with lead.expect_response(lambda r: r.request.method == "POST") as corrected:
        lead.get_by_role("button", name="Verbetering bewaren").click()
    assert corrected.value.status == 303
    expect(lead.get_by_role("status")).to_contain_text(
        "De gegevens zijn verbeterd en het verzoek van het gezin is beantwoord"
    )
    expect(lead.get_by_role("heading", name="Els Peeters-Van Dyck")).to_be_visible()
    # Answered: the form no longer offers the request.
    lead.get_by_role("link", name="Gegevens verbeteren van Els Peeters-Van Dyck").click()
    expect(lead.get_by_text(WRONG_NAME)).to_have_count(0)
    assert lead_console.messages == []
    context.close()

    page.reload()
    row = page.get_by_role("table").get_by_role("row").filter(has_text=RECTIFICATION)
    expect(row).to_contain_text("Beantwoord")
    row.get_by_role("link", name=RECTIFICATION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verzoek: {RECTIFICATION}")
    expect(page.locator("dl.facts")).to_contain_text("Beantwoord")
    expect(page.get_by_role("listitem").filter(has_text="Beantwoord")).to_contain_text(
        "Hulpverlener"
    )
    check_page(page, "mijn-verzoek-verbetering-beantwoord")

    page.goto(f"/mijn/dossiers/{seeded.file_id}")
    page.get_by_role("link", name="Wat werd er verbeterd in uw gegevens?").click()
    card = page.get_by_role("region", name="Familienaam van Els Peeters-Van Dyck")
    expect(card.locator("dt:text-is('Eerst') + dd")).to_have_text("Peeters")
    expect(card.locator("dt:text-is('Nu') + dd")).to_have_text("Peeters-Van Dyck")
    expect(card).to_contain_text("Tikfout")
    expect(card).to_contain_text(seeded.lead_org_name)
    assert console.messages == []


def test_a_portability_request_is_answered_and_the_parent_downloads_the_file(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog, tmp_path: Path
) -> None:
    seeded = seed_family_file(live_server)
    reference = reference_of(live_server, seeded.file_id)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.goto("/mijn/verzoeken")
    page.get_by_label("Wat vraagt u?").select_option(label=PORTABILITY)
    page.get_by_label("Over wie gaat het verzoek?").select_option(
        label=f"Uzelf (Els) — dossier {reference}"
    )
    page.get_by_label("Wat vraagt u precies?").fill(CARRIED)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw verzoek is ingediend")
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text(PORTABILITY)
    expect(row).to_contain_text("Els")
    expect(row).to_contain_text("Ontvangen")
    # Before the answer the request's page holds no data to take along, only what was asked.
    row.get_by_role("link", name=PORTABILITY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Verzoek: {PORTABILITY}")
    expect(page.get_by_text(CARRIED)).to_be_visible()
    expect(page.get_by_role("link", name="Bestand voor een computer (JSON)")).to_have_count(0)
    check_page(page, "mijn-verzoek-overdracht-ontvangen")
    asked_at = page.url

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    officer_console = watch_console(officer)
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.goto("/fg/verzoeken")
    officer.get_by_role("row").filter(has_text=reference).filter(has_text=PORTABILITY).get_by_role(
        "link", name="Openen"
    ).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text(f"Verzoek: {PORTABILITY}")
    expect(officer.get_by_text(CARRIED)).to_be_visible()
    expect(officer.locator("blockquote")).to_contain_text(PORTABILITY_NOTE)
    check_page(officer, "fg-verzoek-overdracht")

    # The answer is the family's own data with a fixed text: a typed answer is refused.
    officer.get_by_label("Beantwoorden (het gezin vindt zijn gegevens bij het verzoek)").check()
    officer.get_by_label("Reden", exact=True).fill("Zie bijlage.")
    with officer.expect_response(lambda r: r.request.method == "POST") as refused:
        officer.get_by_role("button", name="Stap bewaren").click()
    assert refused.value.status == 422
    expect(officer.get_by_role("alert")).to_contain_text(
        "Bij inzage en overdracht is het antwoord een vaste tekst"
    )
    expect(officer.locator("dl.facts")).to_contain_text("Ontvangen")
    officer.get_by_label("Reden", exact=True).fill("")
    officer.get_by_label("Beantwoorden (het gezin vindt zijn gegevens bij het verzoek)").check()
    with officer.expect_response(lambda r: r.request.method == "POST") as answered:
        officer.get_by_role("button", name="Stap bewaren").click()
    assert answered.value.status == 303
    expect(officer.get_by_role("status")).to_contain_text("De stap is bewaard")
    expect(officer.get_by_role("list").filter(has_text="Beantwoord")).to_contain_text(
        PORTABILITY_NOTE
    )
    assert officer_console.messages == []
    context.close()

    page.goto("/mijn/verzoeken")
    row = page.get_by_role("table").get_by_role("row").filter(has_text=PORTABILITY)
    expect(row).to_contain_text("Beantwoord")
    row.get_by_role("link", name=PORTABILITY).click()
    assert page.url == asked_at
    expect(page.get_by_role("heading", name="Uw gegevens")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(PORTABILITY_NOTE)
    links = page.get_by_role("main").get_by_role("listitem").get_by_role("link")
    # For portability the file for a computer comes first.
    expect(links.first).to_have_text("Bestand voor een computer (JSON)")
    check_page(page, "mijn-verzoek-overdracht-beantwoord")

    with page.expect_download() as downloading:
        page.get_by_role("link", name="Bestand voor een computer (JSON)").click()
    download = downloading.value
    assert download.suggested_filename == "mijn-gegevens.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    export = json.loads(saved.read_text(encoding="utf-8"))
    [held] = [f for f in export["files"] if f["reference"] == reference]
    assert held["lead_organisation"] == seeded.lead_org_name
    assert seeded.partner_org_name in held["participants"]
    names = {(m.get("given_name"), m.get("family_name")) for m in held["members"]}
    assert {("Els", "Peeters"), ("Mila", "Peeters")} <= names
    assert console.messages == []
