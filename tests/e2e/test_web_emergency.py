"""Emergency access in the browser, by keyboard: a worker of an organisation without consent
asks for it with the file's reference and a legal ground and reads the file read-only; the DPO
is alerted and reviews it from the queue."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.emergency import reference
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from tests.factories.mail import queued_mails
from zorgafstemming.identity.principal import Role


def test_an_emergency_access_is_requested_alerted_and_reviewed(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    org_name = "OCMW Schilde noodteam"

    async def outsider(rt: Any) -> TestAccount:
        org = await create_organisation(rt, name=org_name, kind="social_services")
        return await create_account(rt, Role.SOCIAL_WORKER, organisation_id=org)

    worker: TestAccount = live_server.run(outsider)
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))

    async def file_reference(rt: Any) -> str:
        return reference(rt, seeded.file_id)

    short = live_server.run(file_reference)

    # The worker asks; without a ground the form says what is missing and grants nothing.
    sign_in_by_keyboard(page, live_server, worker, "/dossiers")
    tab_to(page, "a[href='/dossiers/noodtoegang']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang vragen")
    check_page(page, "noodtoegang-vragen")
    tab_to(page, "#f-file_reference")
    page.keyboard.type(short.lower())
    with page.expect_response(
        lambda r: r.url.endswith("/dossiers/noodtoegang") and r.request.method == "POST"
    ) as refused:
        page.get_by_role("button", name="Noodtoegang vragen").click()
    assert refused.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("zonder rechtsgrond geen noodtoegang")
    check_page(page, "noodtoegang-vragen-fout")

    page.get_by_label("gevaar voor het leven of de veiligheid van een kind").check()
    explanation = "De school meldt dat het kind niet naar huis durft."
    page.get_by_label("Uitleg", exact=True).fill(explanation)
    with page.expect_response(
        lambda r: r.url.endswith("/dossiers/noodtoegang") and r.request.method == "POST"
    ) as posted:
        page.get_by_role("button", name="Noodtoegang vragen").click()
    assert posted.value.status == 303
    expect(page).to_have_url(
        f"{live_server.url}/dossiers/{seeded.file_id}/noodtoegang?melding=noodtoegang-verleend"
    )
    expect(page.get_by_role("status")).to_contain_text("U hebt noodtoegang")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alleen lezen")
    expect(page.get_by_role("heading", name="Els Peeters")).to_be_visible()
    expect(page.locator("main form")).to_have_count(0)  # read-only: nothing to submit
    check_page(page, "noodtoegang-dossier")

    # The DPO was alerted at once.
    mails = live_server.run(lambda rt: queued_mails(rt, account_id=dpo.id, kind="emergency-access"))
    assert [m.to for m in mails] == [dpo.email]

    # The DPO reviews it from the queue.
    page.context.clear_cookies()
    sign_in_by_keyboard(page, live_server, dpo, "/fg/audit")
    tab_to(page, "a[href='/fg/noodtoegang']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang beoordelen")
    row = page.get_by_role("row").filter(has_text=org_name)
    expect(row).to_contain_text(short)
    expect(row).to_contain_text("Loopt nog")
    expect(row).not_to_contain_text("Peeters")
    check_page(page, "fg-noodtoegang")
    row.get_by_role("link", name="Beoordelen").click()
    expect(page.get_by_text(explanation)).to_be_visible()
    check_page(page, "fg-noodtoegang-beoordelen")
    review_path = page.url.removeprefix(live_server.url)
    page.get_by_label("Gerechtvaardigd", exact=True).check()
    page.get_by_label("Opmerking").fill("Acuut gevaar; de school belde de dag zelf.")
    with page.expect_response(
        lambda r: r.url.endswith(review_path) and r.request.method == "POST"
    ) as reviewed:
        page.get_by_role("button", name="Beoordeling bewaren").click()
    assert reviewed.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("beoordeling van de noodtoegang is bewaard")
    row = page.get_by_role("row").filter(has_text=org_name)
    expect(row.locator("td[data-label=Beoordeling]")).to_contain_text("Gerechtvaardigd op")
    check_page(page, "fg-noodtoegang-beoordeeld")
