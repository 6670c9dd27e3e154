"""Steps shared by the browser journeys."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.factories import TestAccount
from tests.factories.live_server import LiveServer
from zorgafstemming.audit.references import file_reference
from zorgafstemming.runtime import Runtime


def sign_in(page: Page, live_server: LiveServer, account: TestAccount, home: str) -> None:
    """Sign in through the form with e-mail, password and a fresh code; lands on ``home``."""
    assert account.email is not None
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(account.email)
    page.get_by_label("Wachtwoord").fill(account.password)
    page.get_by_label("Code uit uw authenticator-app").fill(
        live_server.next_code(account.totp_secret)
    )
    with page.expect_response(
        lambda r: r.url.endswith("/aanmelden") and r.request.method == "POST"
    ) as posted:
        page.get_by_role("button", name="Aanmelden").click()
    assert posted.value.status == 303
    expect(page).to_have_url(live_server.url + home)


def sign_in_by_keyboard(
    page: Page, live_server: LiveServer, account: TestAccount, home: str
) -> None:
    """Sign in using only the keyboard: Tab between fields, Enter to submit."""
    from tests.e2e.pagecheck import tab_to

    assert account.email is not None
    page.goto("/aanmelden")
    tab_to(page, "#f-email")
    page.keyboard.type(account.email)
    tab_to(page, "#f-password")
    page.keyboard.type(account.password)
    tab_to(page, "#f-otp")
    page.keyboard.type(live_server.next_code(account.totp_secret))
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + home)


def reference_of(live_server: LiveServer, file_id: uuid.UUID) -> str:
    """The file's short reference, as every page names it."""

    async def reference(runtime: Runtime) -> str:
        return file_reference(runtime.secrets.audit_key, file_id)

    return live_server.run(reference)
