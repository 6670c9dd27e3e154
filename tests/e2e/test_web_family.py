"""The family member's journey: their data, who looked, export, and withdrawing consent — after
which the partner's next page load no longer shows the file."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import reference_of, sign_in, sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer


def test_family_sees_data_and_access_then_withdraws_and_the_partner_loses_the_file(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog, tmp_path: Path
) -> None:
    seeded = seed_family_file(live_server)

    # The partner works in the file first: the family will see that access.
    partner_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    partner = partner_context.new_page()
    partner_console = watch_console(partner)
    sign_in(partner, live_server, seeded.partner, "/dossiers")
    partner.get_by_role("link", name="Gezin Peeters").click()
    expect(partner.get_by_role("heading", name="Mila Peeters")).to_be_visible()

    sign_in(page, live_server, seeded.parent, "/mijn")
    check_page(page, "gezin-mijn")
    page.get_by_role("link", name=f"Dossier {reference_of(live_server, seeded.file_id)}").click()
    expect(page.get_by_role("heading", name="Els Peeters")).to_be_visible()
    access = page.get_by_role("table")
    expect(access).to_contain_text(seeded.partner_org_name)
    expect(access).to_contain_text("bekeek")
    check_page(page, "gezin-dossier")

    page.get_by_role("link", name="Deze toestemming intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming intrekken")
    expect(page.get_by_text("kunnen uw dossier meteen niet meer openen")).to_be_visible()
    expect(page.get_by_text(seeded.partner_org_name)).to_be_visible()
    check_page(page, "gezin-intrekken")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Ja, ik trek mijn toestemming in").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw toestemming is ingetrokken.")

    # The partner's very next page load no longer shows the file.
    partner.goto("/dossiers")
    expect(partner.get_by_text("U hebt nu geen dossiers.")).to_be_visible()
    response = partner.goto(f"/dossiers/{seeded.file_id}")
    assert response is not None
    assert response.status == 404
    assert partner_console.messages == []
    partner_context.close()


def test_family_downloads_data_as_json_and_printable_page_by_keyboard(
    page: Page, live_server: LiveServer, console: ConsoleLog, tmp_path: Path
) -> None:
    seeded = seed_family_file(live_server)
    sign_in_by_keyboard(page, live_server, seeded.parent, "/mijn")
    tab_to(page, "a[href='/mijn/gegevens']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens downloaden")
    check_page(page, "gezin-gegevens")

    tab_to(page, "a[href='/mijn/gegevens.json']")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "export.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert [f["id"] for f in exported["files"]] == [str(seeded.file_id)]
    assert {m["given_name"] for m in exported["files"][0]["members"]} >= {"Els"}

    tab_to(page, "a[href='/mijn/inzage']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzage in mijn gegevens")
    expect(page.get_by_text("Els")).not_to_have_count(0)
    check_page(page, "gezin-inzage")
    # On paper only the overview: no menu, no sign-out button, no hint about printing.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".no-print").first).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
