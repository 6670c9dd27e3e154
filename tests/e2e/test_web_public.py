"""Public pages in the browser: start page and sign-in form."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.pagecheck import check_page, tab_to


def test_start_page_explains_the_promise_and_leads_to_sign_in(
    page: Page, console: ConsoleLog
) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zorgafstemming")
    expect(page.get_by_text("U kunt uw toestemming op elk moment intrekken.")).to_be_visible()
    check_page(page, "start")
    page.get_by_role("link", name="Aanmelden").click()
    expect(page).to_have_url(page.url.split("/aanmelden")[0] + "/aanmelden")
    check_page(page, "aanmelden")


def test_skip_link_and_sign_in_form_work_by_keyboard(page: Page, console: ConsoleLog) -> None:
    page.goto("/aanmelden")
    tab_to(page, "a.skip-link")
    expect(page.locator("a.skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    tab_to(page, "#f-email")
    expect(page.get_by_label("E-mailadres")).to_be_focused()
