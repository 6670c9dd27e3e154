"""Recognising and finding a family in the browser: the dashboard names the file by the
family's label and its short reference, a search by name and birth year finds it, the duplicate
check answers after a reason and the DPO sees the check — every page axe-clean and without
sideways scrolling at 320 px."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import reference_of, sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role


def test_the_worker_recognises_and_finds_the_family(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    reference = reference_of(live_server, seeded.file_id)
    sign_in(page, live_server, seeded.lead, "/dossiers")

    row = page.get_by_role("row").filter(has_text=reference)
    expect(row.get_by_role("link", name="Gezin Peeters")).to_be_visible()
    expect(row).to_contain_text("Leidende organisatie")
    check_page(page, "hulpverlener-dossiers-label")
    page.get_by_label("Sorteren op").select_option(label="Datum van opening")
    page.get_by_role("button", name="Sorteren").click()
    expect(page.get_by_role("link", name="Gezin Peeters")).to_be_visible()

    page.get_by_role("link", name="Een gezin zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een gezin zoeken")
    check_page(page, "hulpverlener-zoeken")
    year = str(live_server.now().year - 40)
    page.get_by_label("Familienaam").fill("peeters")
    page.get_by_label("Geboortejaar").fill(year)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Zoeken").click()
    assert posted.value.status == 200
    assert "peeters" not in page.url and year not in page.url  # terms never in a URL
    results = page.get_by_role("table", name="Resultaten")
    expect(results).to_contain_text(reference)
    check_page(page, "hulpverlener-zoeken-resultaat")
    results.get_by_role("link", name="Gezin Peeters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gezin Peeters")
    expect(page.get_by_text(reference)).to_be_visible()
    check_page(page, "hulpverlener-dossier-label")


def test_the_duplicate_check_needs_a_reason_and_the_dpo_sees_it(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.partner, "/dossiers")
    page.get_by_role("link", name="Bestaat er al een dossier?").click()
    check_page(page, "hulpverlener-dubbelcontrole")
    page.get_by_label("Rijksregisternummer").fill("85.03.12-123.62")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Nagaan").click()
    assert posted.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Schrijf waarom u dit nagaat")
    check_page(page, "hulpverlener-dubbelcontrole-fout")
    reason = "Aanmelding door de school van het kind"
    page.get_by_label("Waarom gaat u dit na?").fill(reason)
    page.get_by_role("button", name="Nagaan").click()
    expect(page.get_by_role("status")).to_contain_text("Er is geen open dossier gevonden")
    check_page(page, "hulpverlener-dubbelcontrole-antwoord")

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    sign_in(page, live_server, dpo, "/fg/audit")
    page.get_by_role("link", name="Dubbelcontroles").click()
    expect(page.get_by_role("table")).to_contain_text(reason)
    check_page(page, "fg-dubbelcontroles")
