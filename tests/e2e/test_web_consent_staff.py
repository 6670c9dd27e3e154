"""A worker records further consents on an existing file in the browser: with the scan of the
signed form it is in force at once; without it, it waits for the family's confirmation."""

from __future__ import annotations

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.evidence import png_scan
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer


def _fill_consent(page: Page, who: str) -> None:
    page.get_by_label("Wie geeft de toestemming?").select_option(label=who)
    page.get_by_role("group", name="Voor wie geldt de toestemming?").get_by_label(who).check()
    kinds = page.get_by_role("group", name="Welke soorten gegevens?")
    kinds.get_by_label("Identiteit").check()
    kinds.get_by_label("Contactgegevens").check()


def test_worker_records_consents_with_and_without_the_signed_form(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}")
    expect(page.get_by_role("region", name="Toestemming 1")).to_be_visible()
    page.get_by_role("link", name="Nieuwe toestemming registreren").click()
    check_page(page, "hulpverlener-toestemming-registreren")

    # With the scan of the signed form: in force at once, the contact details show.
    _fill_consent(page, "Els Peeters")
    page.get_by_label("Ondertekend toestemmingsformulier").set_input_files(
        files=[FilePayload(name="formulier.png", mimeType="image/png", buffer=png_scan())]
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("geldt vanaf nu")
    second = page.get_by_role("region", name="Toestemming 2")
    expect(second.get_by_text("Geldig", exact=True)).to_be_visible()
    expect(second.get_by_text("Ondertekend formulier")).to_be_visible()
    expect(page.get_by_text("Kerkstraat 1, 2980 Zoersel")).to_be_visible()
    check_page(page, "hulpverlener-dossier-twee-toestemmingen")

    # A text file called .pdf is refused next to the field, nothing recorded.
    page.get_by_role("link", name="Nieuwe toestemming registreren").click()
    _fill_consent(page, "Els Peeters")
    page.get_by_label("Ondertekend toestemmingsformulier").set_input_files(
        files=[FilePayload(name="scan.pdf", mimeType="application/pdf", buffer=b"geen pdf\n")]
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren").click()
    assert posted.value.status == 422
    expect(page.locator("#f-evidence-error")).to_contain_text("PDF-, JPEG- of PNG-bestand")
    check_page(page, "hulpverlener-toestemming-fout")

    # Without a scan: recorded, waiting for the family's confirmation.
    page.get_by_label("Ondertekend toestemmingsformulier").set_input_files(files=[])
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("wacht op bevestiging")
    third = page.get_by_role("region", name="Toestemming 3")
    expect(third.get_by_text("Wacht op bevestiging door het gezin")).to_be_visible()

    # The worker withdraws the one in force it recorded with the form.
    second.get_by_role("link", name="Intrekking registreren").click()
    check_page(page, "hulpverlener-intrekking")
    page.get_by_role("button", name="Intrekking registreren").click()
    expect(page.get_by_role("status")).to_contain_text("De intrekking is geregistreerd.")
