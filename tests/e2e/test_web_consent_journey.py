"""One consent from end to end, as the three people involved live it: a worker records it with
the scan of the signed form, the family sees it in the portal and says it is not right, and the
data protection officer finds it in the review queue marked as contested."""

from __future__ import annotations

from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.evidence import png_scan
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role


def test_a_recorded_consent_is_contested_by_the_family_and_queued_for_the_dpo(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)

    # The lead's worker records a further consent of the parent, with the signed form.
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}")
    page.get_by_role("link", name="Nieuwe toestemming registreren").click()
    page.get_by_label("Wie geeft de toestemming?").select_option(label="Els Peeters")
    page.get_by_role("group", name="Voor wie geldt de toestemming?").get_by_label(
        "Els Peeters"
    ).check()
    page.get_by_role("group", name="Welke soorten gegevens?").get_by_label(
        "Contactgegevens"
    ).check()
    page.get_by_label("Ondertekend toestemmingsformulier").set_input_files(
        files=[FilePayload(name="formulier.png", mimeType="image/png", buffer=png_scan())]
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("geldt vanaf nu")
    expect(page.get_by_text("Kerkstraat 1, 2980 Zoersel")).to_be_visible()

    # The parent, in her own browser, sees who recorded it and says it is not right.
    family_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    family = family_context.new_page()
    family_console = watch_console(family)
    sign_in(family, live_server, seeded.parent, "/mijn")
    family.goto(f"/mijn/dossiers/{seeded.file_id}")
    card = family.get_by_role("region", name="Toestemming 2")
    expect(card).to_contain_text(f"Geregistreerd door {seeded.lead_org_name}")
    card.get_by_role("link", name="Klopt dit niet?").click()
    expect(family.get_by_role("heading", level=1)).to_have_text("Toestemming klopt niet")
    with family.expect_response(lambda r: r.request.method == "POST") as contested:
        family.get_by_role("button", name="Dit klopt niet, stop de toegang").click()
    assert contested.value.status == 303
    expect(family.get_by_role("status")).to_contain_text("De toegang is gestopt.")
    check_page(family, "gezin-geregistreerde-toestemming-betwist")

    # The worker's next page no longer shows what only that consent covered.
    page.goto(f"/dossiers/{seeded.file_id}")
    expect(page.get_by_text("Kerkstraat 1, 2980 Zoersel")).to_have_count(0)

    # The DPO finds it in the review queue, marked as contested.
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    dpo_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = dpo_context.new_page()
    officer_console = watch_console(officer)
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.goto("/fg/toestemmingen")
    contested_rows = officer.get_by_role("row").filter(has_text="Betwist op")
    expect(contested_rows).to_have_count(1)
    expect(contested_rows).to_contain_text(seeded.lead_org_name)
    expect(contested_rows).not_to_contain_text("Peeters")
    check_page(officer, "fg-toestemming-betwist")

    assert family_console.messages == []
    assert officer_console.messages == []
    family_context.close()
    dpo_context.close()
