"""The administrator's journey, and account activation, in the browser."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in, sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories import (
    TestAccount,
    activation_code_from_mail,
    create_account,
    create_organisation,
)
from tests.factories.live_server import LiveServer
from zorgafstemming.identity import accounts
from zorgafstemming.identity.principal import Role
from zorgafstemming.mail import outbox
from zorgafstemming.mail.rules import Failure
from zorgafstemming.mail.sender import claim_next, record
from zorgafstemming.runtime import Runtime


def _admin(live_server: LiveServer) -> TestAccount:
    return live_server.run(lambda rt: create_account(rt, Role.ADMIN))


def test_admin_adds_an_organisation_and_invites_staff_by_keyboard(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    admin = _admin(live_server)
    sign_in_by_keyboard(page, live_server, admin, "/beheer/organisaties")
    check_page(page, "beheer-organisaties")

    # An empty form: Dutch errors next to each field, nothing saved.
    tab_to(page, "form.form button[type=submit]")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.keyboard.press("Enter")
    assert posted.value.status == 422
    expect(page.locator("#f-name-error")).to_contain_text("Vul de naam van de organisatie in.")
    expect(page.locator(".error-summary")).to_be_focused()
    check_page(page, "beheer-organisaties-fouten")

    slug = f"ocmw-zoersel-{uuid.uuid4().hex[:6]}"
    tab_to(page, "#f-name")
    page.keyboard.type("OCMW Zoersel")
    tab_to(page, "#f-slug")
    page.keyboard.type(slug)
    tab_to(page, "#f-kind")
    page.keyboard.type("Sociale")
    tab_to(page, "#f-municipality")
    page.keyboard.type("Zoersel")
    tab_to(page, "form.form button[type=submit]")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.keyboard.press("Enter")
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_have_text("De organisatie is toegevoegd.")
    row = page.get_by_role("row").filter(has_text=slug)
    expect(row).to_contain_text("OCMW Zoersel")
    expect(row).to_contain_text("Sociale dienst / OCMW")
    expect(row).to_contain_text("Zoersel")

    tab_to(page, "a[href='/beheer/accounts']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/beheer/accounts")
    email = f"hulpverlener-{uuid.uuid4().hex[:6]}@example.org"
    tab_to(page, "#f-email")
    page.keyboard.type(email)
    tab_to(page, "#f-role")
    page.keyboard.type("Hulp")
    tab_to(page, "#f-organisation_id")
    page.keyboard.type("OCMW")
    tab_to(page, "form.form[action='/beheer/accounts'] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text(
        "De activeringslink is naar het e-mailadres van de medewerker gestuurd."
    )
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_contain_text("Hulpverlener")
    expect(row).to_contain_text("Uitgenodigd")
    # The administrator never sees the link: it went to the worker's own address.
    assert "activeren?code=" not in page.content()
    check_page(page, "beheer-accounts")


def _mailed_link(live_server: LiveServer, email: str) -> str:
    """The activation link as it arrives in the mailbox of ``email``."""

    async def read(runtime: Runtime) -> str:
        async with runtime.unit_of_work() as uow:
            account_id = await accounts.account_id_for_email(uow, email)
        assert account_id is not None
        token = await activation_code_from_mail(runtime, account_id)
        return f"/activeren?code={token}"

    return live_server.run(read)


def test_staff_activates_with_password_and_authenticator_then_signs_in(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    admin = _admin(live_server)
    org_name = f"CLB Brecht {uuid.uuid4().hex[:6]}"
    live_server.run(lambda rt: create_organisation(rt, name=org_name))
    sign_in(page, live_server, admin, "/beheer/organisaties")
    page.goto("/beheer/accounts")
    email = f"hulpverlener-{uuid.uuid4().hex[:6]}@example.org"
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Rol", exact=True).select_option(label="Hulpverlener")
    page.get_by_label("Organisatie", exact=True).select_option(label=org_name)
    page.get_by_role("button", name="Uitnodigen", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Het account is aangemaakt.")
    link = _mailed_link(live_server, email)

    # The new colleague, in their own browser.
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    newcomer = context.new_page()
    newcomer_console = watch_console(newcomer)
    # The link names the configured public address; this server listens on a free port.
    newcomer.goto(link[link.index("/activeren") :])
    check_page(newcomer, "activeren-stap-1")
    newcomer.get_by_label("Nieuw wachtwoord").fill("welkom123")
    newcomer.get_by_label("Herhaal het wachtwoord").fill("welkom123")
    newcomer.get_by_role("button", name="Verder naar stap 2").click()
    expect(newcomer.locator("#f-password-error")).to_contain_text("minstens 12 tekens")

    password = "blauwe-fiets-onder-de-linde-7"
    newcomer.get_by_label("Nieuw wachtwoord").fill(password)
    newcomer.get_by_label("Herhaal het wachtwoord").fill(password)
    with newcomer.expect_response(lambda r: r.request.method == "POST") as posted:
        newcomer.get_by_role("button", name="Verder naar stap 2").click()
    assert posted.value.status == 303
    expect(newcomer).to_have_url(live_server.url + "/activeren/app")
    expect(newcomer.get_by_role("img", name="QR-code")).to_be_visible()
    check_page(newcomer, "activeren-stap-2")
    secret = newcomer.locator("#totp-sleutel").inner_text().replace(" ", "")

    newcomer.get_by_label("Code uit uw authenticator-app").fill("000000")
    newcomer.get_by_role("button", name="Activeren").click()
    expect(newcomer.locator("#f-otp-error")).to_contain_text("Deze code klopt niet")

    newcomer.get_by_label("Code uit uw authenticator-app").fill(live_server.next_code(secret))
    newcomer.get_by_role("button", name="Activeren").click()
    expect(newcomer.get_by_role("status")).to_have_text(
        "Uw account is geactiveerd. U kunt nu aanmelden."
    )
    activated = TestAccount(
        id=uuid.uuid4(),
        role=Role.SOCIAL_WORKER,
        organisation_id=None,
        email=email,
        password=password,
        totp_secret=secret,
    )
    sign_in(newcomer, live_server, activated, "/dossiers")
    assert newcomer_console.messages == []
    context.close()


def test_wrong_sign_in_is_refused_in_dutch_and_sign_out_ends_the_session(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    admin = _admin(live_server)
    assert admin.email is not None
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(admin.email)
    page.get_by_label("Wachtwoord").fill("niet-het-juiste-wachtwoord")
    page.get_by_label("Code uit uw authenticator-app").fill(
        live_server.next_code(admin.totp_secret)
    )
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator("#f-email-error")).to_have_text(
        "Fout: Het e-mailadres, het wachtwoord of de code klopt niet."
    )
    expect(page.get_by_label("E-mailadres")).to_have_value(admin.email)
    expect(page.get_by_label("Wachtwoord")).to_have_value("")
    check_page(page, "aanmelden-fout")

    sign_in(page, live_server, admin, "/beheer/organisaties")
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("status")).to_have_text("U bent afgemeld.")
    page.goto("/beheer/organisaties")
    expect(page).to_have_url(live_server.url + "/aanmelden")


def test_a_form_posted_without_its_csrf_token_is_refused(
    page: Page, live_server: LiveServer
) -> None:
    admin = _admin(live_server)
    sign_in(page, live_server, admin, "/beheer/organisaties")
    page.get_by_label("Naam", exact=True).fill("Zonder token")
    page.get_by_label("Korte naam").fill(f"zonder-token-{uuid.uuid4().hex[:6]}")
    page.locator("form.form input[name=_csrf_token]").evaluate("(el) => el.remove()")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Organisatie toevoegen").click()
    assert posted.value.status == 403
    page.goto("/beheer/organisaties")
    expect(page.get_by_text("Zonder token")).to_have_count(0)


def test_pages_of_another_role_are_refused(page: Page, live_server: LiveServer) -> None:
    dpo = live_server.run(lambda rt: create_account(rt, Role.DPO))
    assert dpo.email is not None
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(dpo.email)
    page.get_by_label("Wachtwoord").fill(dpo.password)
    page.get_by_label("Code uit uw authenticator-app").fill(live_server.next_code(dpo.totp_secret))
    page.get_by_role("button", name="Aanmelden").click()
    response = page.goto("/beheer/accounts")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")


def test_a_new_dpo_account_waits_for_the_dpo_s_approval(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    admin = _admin(live_server)
    dpo = live_server.run(lambda rt: create_account(rt, Role.DPO))
    sign_in(page, live_server, admin, "/beheer/organisaties")
    page.goto("/beheer/accounts")
    email = f"tweede-fg-{uuid.uuid4().hex[:6]}@example.org"
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Rol", exact=True).select_option(
        label="Functionaris voor gegevensbescherming"
    )
    page.get_by_role("button", name="Uitnodigen", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Uw aanvraag is bewaard.")
    waiting = page.get_by_role("row").filter(has_text=email).first
    expect(waiting).to_contain_text("Een tweede persoon beslist hierover.")
    expect(page.get_by_role("button", name=re.compile("^Goedkeuren"))).to_have_count(0)

    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    officer = context.new_page()
    sign_in(officer, live_server, dpo, "/fg/audit")
    officer.get_by_role("link", name="Accountwijzigingen").click()
    check_page(officer, "fg-accountwijzigingen")
    officer.get_by_role("button", name=f"Goedkeuren — nieuw account voor {email}").click()
    expect(officer.get_by_role("status")).to_have_text("De aanvraag is goedgekeurd en uitgevoerd.")
    assert _mailed_link(live_server, email).startswith("/activeren?code=")
    context.close()


async def _two_mails(runtime: Runtime) -> None:
    """One mail delivered and one the server refused, as the sender leaves them."""
    for failure in (None, Failure("smtp-5xx", transient=False)):
        async with runtime.unit_of_work() as uow:
            message = outbox.Message("e2e-ouder@example.be", "Uw account", "Een link")
            await outbox.enqueue(uow, kind="activation", message=message)
        claimed = await claim_next(runtime)
        assert claimed is not None
        await record(runtime, claimed, failure)


def test_admin_sees_how_mails_were_delivered_and_not_to_whom(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    admin = _admin(live_server)
    live_server.run(_two_mails)
    sign_in(page, live_server, admin, "/beheer/organisaties")
    page.get_by_role("navigation").get_by_role("link", name="Verzonden e-mails").click()
    expect(page).to_have_url(live_server.url + "/beheer/mail")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verzonden e-mails")
    expect(page.get_by_role("row").filter(has_text="Mislukt")).to_contain_text(
        "Geweigerd door de mailserver"
    )
    expect(page.get_by_role("row").filter(has_text="Verzonden")).to_have_count(2)  # + header
    expect(page.locator("main")).not_to_contain_text("e2e-ouder@example.be")
    check_page(page, "beheer-mail")
