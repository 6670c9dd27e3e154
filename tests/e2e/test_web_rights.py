"""Data-subject requests in the browser: a parent files an access request for their child from
the portal and sees its deadline; the DPO finds it in the queue and takes it in hand; the parent
sees it is being handled."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role

ASKED = "Ik wil het verslag van het huisbezoek lezen."


def test_a_parent_files_a_request_and_the_dpo_takes_it_in_hand(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.get_by_role("link", name="Een verzoek over mijn gegevens indienen of opvolgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn verzoeken")
    check_page(page, "mijn-verzoeken")

    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert refused.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Kies wat u vraagt.")

    page.get_by_label("Wat vraagt u?").select_option(label="Inzage in de gegevens")
    page.get_by_label("Over wie gaat het verzoek?").select_option(index=2)  # the child
    page.get_by_label("Wat vraagt u precies?").fill(ASKED)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw verzoek is ingediend")
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("Inzage in de gegevens")
    expect(row).to_contain_text("Mila")
    expect(row.locator("td[data-label='Antwoord uiterlijk']")).to_have_text(
        re.compile(r"^\d{2}/\d{2}/\d{4}$")
    )
    check_page(page, "mijn-verzoeken-ingediend")

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    officer_console = watch_console(officer)
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.get_by_role("link", name="Verzoeken", exact=True).click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Verzoeken over persoonsgegevens")
    check_page(officer, "fg-verzoeken")
    officer.get_by_role("link", name="Openen").first.click()
    expect(officer.get_by_text(ASKED)).to_be_visible()
    officer.get_by_label("In behandeling nemen").check()
    with officer.expect_response(lambda r: r.request.method == "POST") as stepped:
        officer.get_by_role("button", name="Stap bewaren").click()
    assert stepped.value.status == 303
    expect(officer.get_by_role("status")).to_contain_text("De stap is bewaard")
    check_page(officer, "fg-verzoek")
    assert officer_console.messages == []
    context.close()

    page.reload()
    expect(page.get_by_role("table").get_by_role("row").nth(1)).to_contain_text("In behandeling")
    assert console.messages == []
