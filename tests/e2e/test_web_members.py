"""Keeping the member list current in the browser: the lead adds a newborn (typed as
dd/mm/jjjj), corrects a field, ends a membership; the family reads the correction history.
Every new or changed page is axe-clean and fits 320 px."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.evidence import pdf_scan
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer


def _overlapping_withheld_boxes(page: Page, width: int) -> list[tuple[int, int]]:
    """Pairs of withheld markers whose boxes overlap with the viewport ``width`` px wide."""
    original = page.viewport_size or {"width": 1280, "height": 720}
    page.set_viewport_size({"width": width, "height": original["height"]})
    try:
        boxes: list[dict[str, float]] = page.evaluate(
            """() => Array.from(document.querySelectorAll('.withheld')).map(e => {
                const r = e.getBoundingClientRect();
                return {l: r.left, r: r.right, t: r.top, b: r.bottom};
            })"""
        )
    finally:
        page.set_viewport_size(original)
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], start=i + 1)
        if a["l"] < b["r"] and b["l"] < a["r"] and a["t"] < b["b"] and b["t"] < a["b"]
    ]


def test_lead_adds_a_member_corrects_a_field_and_the_family_sees_the_history(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    file_page = f"/dossiers/{seeded.file_id}"
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(file_page)
    # Role labels read as Dutch; the banner names the category and the people it is about.
    expect(page.get_by_text("kind jonger dan 12")).to_be_visible()
    expect(page.get_by_role("note")).to_contain_text(
        "Contactgegevens van alle gezinsleden die u ziet"
    )
    check_page(page, "lid-dossier-leidend")
    assert page.locator(".withheld").count() >= 3
    for width in (320, 1280):
        assert _overlapping_withheld_boxes(page, width) == []

    page.get_by_role("link", name="Gezinslid toevoegen").click()
    check_page(page, "lid-toevoegen")
    birth = page.get_by_label("Geboortedatum")
    assert birth.get_attribute("type") == "text"
    assert birth.get_attribute("placeholder") == "dd/mm/jjjj"
    expect(page.get_by_text("Typ de datum als dd/mm/jjjj")).to_be_visible()
    page.get_by_label("Rol in het gezin").select_option("child")
    page.get_by_label("Voornaam").fill("Lotte")
    page.get_by_label("Familienaam").fill("Peeters")
    birth.fill("31/02/2026")  # no such day: a Dutch error, nothing stored
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Gezinslid toevoegen").click()
    assert posted.value.status == 422
    expect(page.locator("#f-birth_date-error")).to_contain_text("dd/mm/jjjj")
    check_page(page, "lid-toevoegen-fout")
    today = date.today().replace(day=1)
    page.get_by_label("Geboortedatum").fill(today.strftime("%d/%m/%Y"))
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Gezinslid toevoegen").click()
    assert posted.value.status == 303
    # On to the consent form: the newborn is pre-selected, called by what just happened.
    expect(page.get_by_role("status")).to_contain_text("Het gezinslid is toegevoegd")
    expect(page.get_by_label("Het nieuwe gezinslid (net toegevoegd)")).to_be_checked()
    check_page(page, "toestemming-nieuw-gezinslid")
    # No consent names the newborn yet: the lead sees only that a member exists.
    page.goto(file_page)
    expect(page.get_by_role("heading", name="Een gezinslid dat u niet mag zien")).to_be_visible()
    expect(page.get_by_text("Lotte")).to_have_count(0)
    # The parent's signed consent for the newborn, recorded on the form the lead came from.
    page.go_back()
    page.get_by_label("Wie geeft de toestemming?").select_option(label="Els Peeters")
    expect(page.get_by_label("Het nieuwe gezinslid (net toegevoegd)")).to_be_checked()
    page.get_by_role("group", name="Welke soorten gegevens?").get_by_label("Identiteit").check()
    page.locator("#f-evidence").set_input_files(
        files=[FilePayload(name="toestemming.pdf", mimeType="application/pdf", buffer=pdf_scan())]
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren").click()
    assert posted.value.status == 303
    page.goto(file_page)
    expect(page.get_by_role("heading", name="Lotte Peeters")).to_be_visible()

    page.get_by_role("link", name="Gegevens verbeteren van Els Peeters").click()
    check_page(page, "lid-verbeteren")
    page.get_by_label("Familienaam").fill("Peeters-Janssens")
    page.get_by_label("Waarom verbetert u dit?").select_option("name_changed")
    page.get_by_label("Toelichting (niet verplicht)").fill("Nieuwe naam sinds het huwelijk.")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verbetering bewaren").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("De gegevens zijn verbeterd")
    expect(page.get_by_role("heading", name="Els Peeters-Janssens")).to_be_visible()

    page.get_by_role("link", name="Lidmaatschap beëindigen van Mila Peeters").click()
    check_page(page, "lid-beeindigen")
    page.get_by_label("Woont niet meer in het gezin").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Lidmaatschap beëindigen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Het lidmaatschap is beëindigd")
    expect(page.get_by_role("heading", name="Mila Peeters")).to_have_count(0)

    # The family sees what was corrected: old and new value, why, by whom.
    family_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    family = family_context.new_page()
    sign_in(family, live_server, seeded.parent, "/mijn")
    family.goto(f"/mijn/dossiers/{seeded.file_id}")
    family.get_by_role("link", name="Wat werd er verbeterd in uw gegevens?").click()
    expect(family.get_by_role("heading", level=1)).to_have_text("Verbeteringen in uw gegevens")
    card = family.get_by_role("region", name="Familienaam van Els Peeters-Janssens")
    expect(card).to_contain_text("Peeters")
    expect(card).to_contain_text("Peeters-Janssens")
    expect(card).to_contain_text("Naam gewijzigd")
    expect(card).to_contain_text(seeded.lead_org_name)
    expect(card).to_contain_text("Nieuwe naam sinds het huwelijk.")
    check_page(family, "gezin-verbeteringen")
    family_context.close()


def test_the_open_file_form_adds_member_blocks_and_types_dates_as_dutch(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto("/dossiers/nieuw")
    expect(page.get_by_role("group", name="Gezinslid 5")).to_have_count(0)
    for row in range(1, 5):
        expect(
            page.get_by_role("group", name=f"Gezinslid {row}").get_by_label("Geboortedatum")
        ).to_have_attribute("type", "text")
    page.get_by_role("group", name="Gezinslid 1").get_by_label("Voornaam").fill("Els")
    page.get_by_role("button", name="Nog een gezinslid toevoegen").click()
    expect(page.get_by_role("group", name="Gezinslid 5")).to_be_visible()
    # What was typed stays.
    expect(page.get_by_role("group", name="Gezinslid 1").get_by_label("Voornaam")).to_have_value(
        "Els"
    )
    # The consent's end date is offered as dd/mm/jjjj too.
    until = page.get_by_label("Geldig tot en met")
    assert until.get_attribute("type") == "text"
    assert "/" in (until.input_value() or "")
    check_page(page, "nieuw-dossier-vijf-leden")
