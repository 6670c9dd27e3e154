"""Data-subject requests in the browser: a parent files an access request for their child from
the portal and sees its deadline; the DPO finds it in the queue, takes it in hand and answers it;
the parent opens the answer and reaches their data from it. A parent asks for the erasure of
their child's data; the DPO decides it from the request (refused, with a reason) and the parent
sees the refusal. A parent asks to restrict the whole file; the DPO restricts it from the request,
the lead's worker sees only that the file is restricted until the DPO lifts it, and the parent
sees the request answered."""

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

    # The DPO answers: for access, the answer is the family's own data (a fixed text, no note).
    officer = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.goto("/fg/verzoeken")
    officer.get_by_role("row").filter(has_text="Inzage in de gegevens").filter(
        has_text="In behandeling"
    ).get_by_role("link").click()
    officer.get_by_label("Beantwoorden (het gezin vindt zijn gegevens bij het verzoek)").check()
    with officer.expect_response(lambda r: r.request.method == "POST") as answered:
        officer.get_by_role("button", name="Stap bewaren").click()
    assert answered.value.status == 303
    officer.context.close()

    page.reload()
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("Beantwoord")
    row.get_by_role("link", name="Inzage in de gegevens").click()
    expect(page.get_by_role("heading", name="Uw gegevens")).to_be_visible()
    check_page(page, "mijn-verzoek-beantwoord")
    page.get_by_role("link", name="Overzicht om te lezen en af te drukken (Inzage)").click()
    expect(page).to_have_url(re.compile(r"/mijn/inzage$"))
    expect(page.get_by_text("Mila").first).to_be_visible()
    assert console.messages == []


def test_an_erasure_request_is_decided_from_the_request_and_the_parent_sees_it(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.goto("/mijn/verzoeken")
    page.get_by_label("Wat vraagt u?").select_option(label="Wissen van de gegevens")
    page.get_by_label("Over wie gaat het verzoek?").select_option(index=2)  # the child
    page.get_by_label("Wat vraagt u precies?").fill("Wis alstublieft de gegevens van Mila.")
    page.get_by_role("button", name="Verzoek indienen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw verzoek is ingediend")

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    officer_console = watch_console(officer)
    # Without a request there is nothing to erase: the page says where an erasure starts.
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.goto("/fg/wissen")
    expect(officer.get_by_role("main")).to_contain_text("Beslissen over wissen")
    officer.goto("/fg/verzoeken")
    officer.get_by_role("row").filter(has_text="Wissen van de gegevens").get_by_role("link").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Verzoek: Wissen van de gegevens")
    officer.get_by_role("link", name="Beslissen over wissen").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Verzoek tot wissing")
    check_page(officer, "fg-wissen-verzoek")
    officer.get_by_label("Weigeren").check()
    officer.get_by_label("Reden").select_option(
        label="Nodig voor een rechtsvordering (art. 17.3.e)"
    )
    with officer.expect_response(lambda r: r.request.method == "POST") as decided:
        officer.get_by_role("button", name="Beslissing vastleggen").click()
    assert decided.value.status == 303
    assert officer_console.messages == []
    context.close()

    page.reload()
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("Wissen van de gegevens")
    expect(row).to_contain_text("Geweigerd")
    assert console.messages == []


def test_a_restriction_of_the_whole_file_is_asked_placed_and_lifted(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.goto("/mijn/verzoeken")
    page.get_by_label("Wat vraagt u?").select_option(label="Beperking van het gebruik")
    page.get_by_label("Over wie gaat het verzoek?").select_option(index=1)  # the parent
    page.get_by_label("Het hele dossier, met de gegevens van alle gezinsleden").check()
    page.get_by_label("Wat vraagt u precies?").fill("Gebruik ons dossier niet tot het klopt.")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verzoek indienen").click()
    assert posted.value.status == 303
    page.get_by_role("link", name="Beperking van het gebruik").click()
    expect(page.get_by_role("main")).to_contain_text("Het hele dossier")
    check_page(page, "mijn-verzoek-beperking")

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    officer_console = watch_console(officer)
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.goto("/fg/verzoeken")
    officer.get_by_role("row").filter(has_text="Beperking van het gebruik").get_by_role(
        "link"
    ).click()
    officer.get_by_role("link", name="Beslissen over beperking").click()
    expect(
        officer.get_by_role("heading", level=2, name="Beperken op verzoek van het gezin")
    ).to_be_visible()
    expect(officer.get_by_role("main")).to_contain_text("Het hele dossier, van alle gezinsleden")
    check_page(officer, "fg-beperking-verzoek")
    with officer.expect_response(lambda r: r.request.method == "POST") as empty:
        officer.get_by_role("button", name="Verwerking beperken").click()
    assert empty.value.status == 422
    expect(officer.get_by_role("alert")).to_contain_text("Schrijf waarom u de verwerking beperkt")
    officer.get_by_label("Reden").fill("De juistheid wordt betwist.")
    with officer.expect_response(lambda r: r.request.method == "POST") as placed:
        officer.get_by_role("button", name="Verwerking beperken").click()
    assert placed.value.status == 303
    expect(officer.get_by_role("status")).to_contain_text("De verwerking is beperkt.")
    expect(officer.get_by_role("main")).to_contain_text("Beantwoord")

    # The lead's worker sees that the file exists and is restricted, and nothing more.
    worker = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    sign_in(worker, live_server, seeded.lead, "/dossiers")
    worker.goto(f"/dossiers/{seeded.file_id}")
    expect(worker.get_by_role("main")).to_contain_text("Dit dossier is beperkt")
    expect(worker.get_by_role("main")).not_to_contain_text("Peeters")

    officer.goto("/fg/beperkingen")
    officer.get_by_label("Reden om op te heffen").first.fill("De gegevens zijn rechtgezet.")
    officer.get_by_role("button", name="Opheffen").first.click()
    expect(officer.get_by_role("status")).to_contain_text("De beperking is opgeheven.")
    assert officer_console.messages == []
    context.close()

    worker.reload()
    expect(worker.get_by_role("main")).not_to_contain_text("Dit dossier is beperkt")
    expect(worker.get_by_role("main")).to_contain_text("Peeters")
    worker.context.close()

    page.goto("/mijn/verzoeken")
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("Beperking van het gebruik")
    expect(row).to_contain_text("Beantwoord")
    assert console.messages == []
