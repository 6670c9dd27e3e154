"""The access review in the browser: a coordinator answers for a colleague's sampled read, the
DPO sees the answer and the month's signals."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.access_review import OCTOBER, Crafted, system_ctx
from tests.factories.assignments import make_coordinator
from tests.factories.live_server import LiveServer
from zorgafstemming.accessreview.sampling import create_sample
from zorgafstemming.audit.references import file_reference
from zorgafstemming.db import new_id
from zorgafstemming.identity.principal import Role

NOTE = "Voorbereiding van het huisbezoek."


def _sampled_read(live_server: LiveServer) -> dict[str, Any]:
    async def make(runtime: Any) -> dict[str, Any]:
        org = await create_organisation(runtime, name="CAW De Kempen (test)")
        reader = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        coordinator = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        await make_coordinator(runtime, coordinator)
        file_id = new_id()
        crafted = Crafted(runtime)
        await crafted.write([crafted.values(reader, file_id=file_id)])
        async with runtime.unit_of_work() as uow:
            await create_sample(uow, system_ctx(), OCTOBER, seed="e2e", rate_percent=100)
        return {
            "reader": reader,
            "coordinator": coordinator,
            "reference": file_reference(runtime.secrets.audit_key, file_id),
        }

    return live_server.run(make)


def test_a_coordinator_attests_a_sampled_read_and_the_dpo_sees_the_answer(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    made = _sampled_read(live_server)
    reader: TestAccount = made["reader"]
    assert reader.email is not None

    sign_in(page, live_server, made["coordinator"], "/dossiers")
    expect(page.get_by_text("1 toegang(en) van uw organisatie wachten")).to_be_visible()
    page.get_by_role("link", name="Nu beantwoorden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegangscontrole")
    card = page.get_by_role("article")
    # Which colleague, which file (its short reference) and which action; nothing of the case.
    expect(card).to_contain_text(reader.email)
    expect(card).to_contain_text(made["reference"])
    expect(card).to_contain_text("bekeek het dossier")
    check_page(page, "coordinator-toegangscontrole")

    # Without a choice the page says what is missing, and nothing is stored.
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        card.get_by_role("button", name="Antwoord bewaren").click()
    assert refused.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Kies of deze toegang nodig was of niet.")

    card = page.get_by_role("article")
    card.get_by_label("Nodig voor de zorg voor dit gezin").check()
    card.get_by_label("Notitie").fill(NOTE)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        card.get_by_role("button", name="Antwoord bewaren").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw antwoord is bewaard")
    expect(page.get_by_role("article")).to_contain_text(
        "Uw antwoord: Nodig voor de zorg voor dit gezin"
    )
    check_page(page, "coordinator-toegangscontrole-beantwoord")

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    officer_console = watch_console(officer)
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.get_by_role("link", name="Toegangscontrole").click()
    expect(officer.get_by_role("heading", level=1)).to_have_text("Toegangscontrole")
    samples = officer.get_by_role("table", name="Steekproeven")
    october = samples.get_by_role("row").filter(has_text=OCTOBER)
    expect(october.locator("td[data-label=Beantwoord]")).to_have_text("1")
    expect(october.locator("td[data-label=Open]")).to_have_text("0")
    row = officer.get_by_role("table", name="Toegangen").get_by_role("row").nth(1)
    expect(row).to_contain_text("CAW De Kempen (test)")
    expect(row).to_contain_text(made["reference"])
    expect(row).to_contain_text("Nodig voor de zorg voor dit gezin")
    expect(row).to_contain_text(NOTE)
    check_page(officer, "fg-toegangscontrole")

    officer.get_by_role("link", name="Te laat").click()
    expect(officer.get_by_text("Er zijn geen toegangen in deze selectie.")).to_be_visible()

    officer.get_by_role("link", name="Toegangscontrole").click()
    officer.get_by_role("link", name="Signalen van ongewone toegang bekijken").click()
    officer.get_by_label("Maand (jjjj-mm)").fill(OCTOBER)
    officer.get_by_role("button", name="Tonen").click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text(OCTOBER)
    # The crafted read was by day and the organisation never wrote in that file.
    section = officer.get_by_role(
        "region", name="Dossiers waarin de eigen organisatie niets schreef"
    )
    expect(section).to_contain_text(made["reference"])
    check_page(officer, "fg-toegangscontrole-signalen")
    assert officer_console.messages == []
    context.close()
