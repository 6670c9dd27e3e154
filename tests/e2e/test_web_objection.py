"""Objection in the browser: a parent objects, for their child, to a consent on a statutory basis
(decree on integrated youth care, art. 74); the lead organisation's worker decides on the file
page that processing goes on, with the reason; the parent sees the outcome and the reason."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from tests.factories.restrictions import make_statute_based
from zorgafstemming.runtime import Runtime

GROUNDS = "Ik wil niet dat de school weet hoe het thuis met Mila gaat."
REASON = "Dwingende reden: de school moet de begeleiding van Mila kunnen afstemmen."


def test_a_parent_objects_and_the_lead_decides_with_a_reason(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)

    async def statute_based(runtime: Runtime) -> None:
        await make_statute_based(runtime, seeded.consent_id)

    live_server.run(statute_based)
    sign_in(page, live_server, seeded.parent, "/mijn")
    page.get_by_role("link", name="Bezwaar maken tegen een verwerking op grond van de wet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar tegen een verwerking")
    check_page(page, "mijn-bezwaren")

    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Bezwaar indienen").click()
    assert refused.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Kies waartegen u bezwaar maakt.")

    page.get_by_label("Over Mila").check()
    page.get_by_label("Waarom maakt u bezwaar?").fill(GROUNDS)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Bezwaar indienen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw bezwaar is ingediend")
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("Mila")
    expect(row).to_contain_text("Wacht op een beslissing")
    check_page(page, "mijn-bezwaren-ingediend")

    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    lead = context.new_page()
    lead_console = watch_console(lead)
    sign_in(lead, live_server, seeded.lead, "/dossiers")
    lead.goto(f"/dossiers/{seeded.file_id}")
    expect(lead.get_by_role("heading", name="Bezwaren van het gezin")).to_be_visible()
    expect(lead.get_by_text(GROUNDS)).to_be_visible()
    lead.get_by_label("De verwerking gaat door").check()
    lead.get_by_label("Reden van de beslissing").fill(REASON)
    with lead.expect_response(lambda r: r.request.method == "POST") as decided:
        lead.get_by_role("button", name="Beslissing bewaren").click()
    assert decided.value.status == 303
    expect(lead.get_by_role("status")).to_contain_text("Uw beslissing over het bezwaar is bewaard")
    expect(lead.get_by_role("heading", name="Eerder beslist")).to_be_visible()
    check_page(lead, "dossier-bezwaar-beslist")
    assert lead_console.messages == []
    context.close()

    page.reload()
    row = page.get_by_role("table").get_by_role("row").nth(1)
    expect(row).to_contain_text("De verwerking gaat door")
    expect(row).to_contain_text(REASON)
    assert console.messages == []
