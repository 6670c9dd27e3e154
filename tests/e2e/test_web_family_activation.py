"""A family member's activation in the browser: the worker prints a letter with an in-person
code; the family member types it with their own address, then the code mailed there, chooses a
password, links an authenticator app and signs in with that address."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount
from tests.factories.accounts import email_code_sent_to
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role

PASSWORD = "blauwe-fiets-onder-de-linde-7"


def test_worker_prints_a_letter_and_the_member_activates_with_both_codes(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server, link_parent=False)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}")
    page.get_by_role("button", name="Toegang tot het gezinsportaal geven aan Els Peeters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw toegang tot het gezinsportaal")
    code = page.locator("#activeringscode").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
    expect(
        page.get_by_role("img", name=re.compile("QR-code van de activeringspagina"))
    ).to_be_visible()
    assert code not in page.url
    check_page(page, "hulpverlener-brief-gezinsportaal")

    # The family member, at home, in their own browser.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    member = context.new_page()
    member_console = watch_console(member)
    member.goto("/activeren")
    check_page(member, "gezin-activeren-stap-1")
    address = f"els-{uuid.uuid4().hex[:6]}@thuis.example"
    member.get_by_label("Activeringscode uit uw brief").fill(code.lower())
    member.get_by_label("Uw e-mailadres").fill(address)
    member.get_by_role("button", name="Stuur mij een bevestigingscode").click()
    expect(member).to_have_url(live_server.url + "/activeren/email")
    check_page(member, "gezin-activeren-stap-2")

    # Without the mailed code nothing is set.
    member.get_by_label("Bevestigingscode uit de e-mail").fill("00000000")
    member.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    member.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    member.get_by_role("button", name="Verder naar stap 3").click()
    expect(member.locator("#f-email_code-error")).to_contain_text("klopt niet of is verlopen")

    mailed = live_server.run(lambda rt: email_code_sent_to(rt, address))
    member.get_by_label("Bevestigingscode uit de e-mail").fill(mailed)
    member.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    member.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    member.get_by_role("button", name="Verder naar stap 3").click()
    expect(member).to_have_url(live_server.url + "/activeren/app")
    expect(member.get_by_text("Stap 3 van 3")).to_be_visible()
    secret = member.locator("#totp-sleutel").inner_text().replace(" ", "")
    member.get_by_label("Code uit uw authenticator-app").fill(live_server.next_code(secret))
    member.get_by_role("button", name="Activeren").click()
    expect(member.get_by_role("status")).to_have_text(
        "Uw account is geactiveerd. U kunt nu aanmelden."
    )

    activated = TestAccount(
        id=uuid.uuid4(),
        role=Role.FAMILY,
        organisation_id=None,
        email=address,
        password=PASSWORD,
        totp_secret=secret,
    )
    sign_in(member, live_server, activated, "/mijn")
    expect(member.get_by_role("link", name=re.compile(r"^Dossier [0-9A-Z]{8}$"))).to_be_visible()
    assert member_console.messages == []
    context.close()
