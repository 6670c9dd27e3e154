"""The account holder's security page: a family member signs in and sees that sign-in there."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


def test_family_member_sees_their_own_sign_in_on_the_security_page(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    async def make(runtime: Runtime) -> TestAccount:
        email = f"ouder-{uuid.uuid4().hex[:6]}@example.org"
        return await create_account(runtime, Role.FAMILY, email=email)

    parent = live_server.run(make)
    sign_in(page, live_server, parent, "/mijn")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beveiliging").click()
    expect(page).to_have_url(live_server.url + "/mijn/beveiliging")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beveiliging van uw account")
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(["Wanneer", "Wat", "Adres", "Toestel"])
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Aangemeld")
    expect(rows.first).to_contain_text("127.0.0.1")
    expect(rows.first).to_contain_text("Chrome op Linux")
    check_page(page, "beveiliging")
