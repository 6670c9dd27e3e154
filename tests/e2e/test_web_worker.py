"""The social worker's journey in the browser: open a file through the guided form, read it
with withheld categories, add entries and a partner, invite the family, close."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in, sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.evidence import pdf_scan
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


def _worker(live_server: LiveServer, org_name: str) -> TestAccount:
    async def make(runtime: Runtime) -> TestAccount:
        org = await create_organisation(runtime, name=org_name)
        return await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)

    return live_server.run(make)


def test_worker_opens_a_file_with_consent_and_works_in_it(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    org_name = f"OCMW Schilde {uuid.uuid4().hex[:6]}"
    worker = _worker(live_server, org_name)
    sign_in(page, live_server, worker, "/dossiers")
    expect(page.get_by_text("U hebt nu geen dossiers.")).to_be_visible()
    check_page(page, "hulpverlener-dossiers-leeg")

    page.get_by_role("link", name="Nieuw dossier openen").click()
    check_page(page, "hulpverlener-nieuw-dossier")
    # Nothing filled in: Dutch errors next to the fields, nothing opened.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren en dossier openen").click()
    assert posted.value.status == 422
    expect(page.locator("#f-m1_given_name-error")).to_contain_text("Vul minstens één gezinslid in.")
    expect(page.locator("#f-c_given_by-error")).to_contain_text("Kies wie de toestemming geeft.")
    expect(page.locator("#f-c_evidence-error")).to_contain_text(
        "Voeg het ondertekende formulier toe (PDF, JPEG of PNG, hoogstens 10 MB)."
    )

    member1 = page.get_by_role("group", name="Gezinslid 1")
    member1.get_by_label("Rol in het gezin").select_option("parent")
    member1.get_by_label("Voornaam").fill("Els")
    member1.get_by_label("Familienaam").fill("Peeters")
    member1.get_by_label("Geboortedatum").fill("1985-07-30")
    member1.get_by_label("Adres (niet verplicht)", exact=True).fill("Kerkstraat 1, 2970 Schilde")
    member2 = page.get_by_role("group", name="Gezinslid 2")
    member2.get_by_label("Rol in het gezin").select_option("child")
    member2.get_by_label("Voornaam").fill("Mila")
    member2.get_by_label("Familienaam").fill("Peeters")
    member2.get_by_label("Geboortedatum").fill("2018-04-12")
    page.get_by_label("Wie geeft de toestemming?").select_option("m1")
    who = page.get_by_role("group", name="Voor wie geldt de toestemming?")
    who.get_by_label("Gezinslid 1").check()
    who.get_by_label("Gezinslid 2").check()
    kinds = page.get_by_role("group", name="Welke soorten gegevens?")
    kinds.get_by_label("Identiteit").check()
    kinds.get_by_label("Verslagen").check()
    page.get_by_label("Ondertekend toestemmingsformulier").set_input_files(
        files=[FilePayload(name="toestemming.pdf", mimeType="application/pdf", buffer=pdf_scan())]
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming registreren en dossier openen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Het dossier is geopend")
    expect(page.get_by_role("heading", name="Els Peeters")).to_be_visible()
    # Contact details were not consented to: shown as withheld, never as blank or value.
    els = page.get_by_role("region", name="Els Peeters")
    expect(els.get_by_text("Afgeschermd — geen toestemming voor contactgegevens")).to_have_count(3)
    expect(page.get_by_text("Kerkstraat 1")).to_have_count(0)
    check_page(page, "hulpverlener-dossier")

    page.get_by_label("Tekst").fill("Eerste gesprek met mama: ze wil hulp bij de opvoeding.")
    page.get_by_role("group", name="Over wie?").get_by_label("Els Peeters").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Notitie toevoegen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_have_text("De notitie is toegevoegd.")
    expect(page.get_by_text("Eerste gesprek met mama")).to_be_visible()
    # A reload does not post the note again (post/redirect/get).
    page.reload()
    expect(page.get_by_text("Eerste gesprek met mama")).to_have_count(1)

    # A note of a category the consent does not cover is refused, in Dutch, next to the field.
    page.get_by_label("Soort gegevens", exact=True).select_option("health")
    page.get_by_label("Tekst").fill("Gezondheid")
    page.get_by_role("group", name="Over wie?").get_by_label("Els Peeters").check()
    page.get_by_role("button", name="Notitie toevoegen").click()
    expect(page.locator("#f-category-error")).to_contain_text("De toestemming dekt")

    page.get_by_role("button", name="Toegang tot het gezinsportaal geven aan Els Peeters").click()
    # A letter to print, with the in-person code; the code never appears in a URL.
    expect(page.locator("#activeringscode")).to_have_text(re.compile(r"^[A-Z0-9]{5}-[A-Z0-9]{5}$"))
    assert page.locator("#activeringscode").inner_text() not in page.url
    page.get_by_role("link", name="Terug naar het dossier").click()

    page.get_by_role("link", name="Dossier afsluiten").click()
    check_page(page, "hulpverlener-afsluiten")
    page.get_by_role("button", name="Ja, dossier afsluiten").click()
    expect(page.get_by_role("status")).to_contain_text("Het dossier is afgesloten.")
    expect(page.get_by_text("U hebt nu geen dossiers.")).to_be_visible()


def test_worker_adds_a_partner_and_the_partner_sees_it_by_keyboard(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    sign_in_by_keyboard(page, live_server, seeded.partner, "/dossiers")
    tab_to(page, f"a[href='/dossiers/{seeded.file_id}']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/dossiers/{seeded.file_id}")
    check_page(page, "partner-dossier")
    tab_to(page, "#f-body")
    page.keyboard.type("Afspraak met de school gemaakt.")
    tab_to(page, "input[name=about]")
    page.keyboard.press("Space")
    tab_to(page, "form[action$='/notities'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("De notitie is toegevoegd.")
    expect(page.get_by_text("Afspraak met de school gemaakt.")).to_be_visible()
    tab_to(page, "a[href='/meldingen']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    check_page(page, "meldingen")


def test_notifications_tell_the_lead_about_a_withdrawal(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.service import family_withdrawal

    seeded = seed_family_file(live_server)

    async def withdraw(rt: Runtime) -> None:
        async with rt.unit_of_work() as uow:
            await family_withdrawal.family_withdraw_consent(
                uow, seeded.parent.principal(), AuditContext(), seeded.consent_id
            )

    live_server.run(withdraw)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.get_by_role("link", name="Meldingen").click()
    expect(page.get_by_text("Het gezin heeft een toestemming ingetrokken.").first).to_be_visible()
    assert timedelta(0) <= live_server.offset
