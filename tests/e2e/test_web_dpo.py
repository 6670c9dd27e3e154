"""The DPO's journey by keyboard: the audit trail with filters and the verified checkpoint."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories import TestAccount, create_account
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.audit.sealer import SealResult
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


def test_dpo_filters_and_verifies_the_audit_trail_by_keyboard(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.sealer import new_holder_id, seal_pending

    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    assert dpo.email is not None
    # A refused sign-in leaves a "denied" event to find.
    page.goto("/aanmelden")
    page.get_by_label("E-mailadres").fill(dpo.email)
    page.get_by_label("Wachtwoord").fill("niet-het-juiste-wachtwoord")
    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator("#f-email-error")).to_be_visible()

    async def seal(runtime: Runtime) -> SealResult:
        return await seal_pending(runtime, new_holder_id("test"))

    live_server.run(seal)

    sign_in_by_keyboard(page, live_server, dpo, "/fg/audit")
    expect(page.locator("table.audit-visits")).to_contain_text("Aanmelding")
    check_page(page, "fg-audit")

    # A malformed file reference is refused in Dutch, next to the field.
    tab_to(page, "#f-dossier")
    page.keyboard.type("niet-een-referentie")
    tab_to(page, "form[aria-label=Filter] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#f-dossier-error")).to_contain_text("8 tekens")
    check_page(page, "fg-audit-fout")

    # Only refused visits.
    tab_to(page, "#f-dossier")
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    tab_to(page, "#f-groep")
    page.keyboard.type("Geweigerd")
    tab_to(page, "form[aria-label=Filter] button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("#f-groep")).to_have_value("denied")
    outcomes = page.locator("td[data-label=Uitkomst]")
    expect(outcomes.first).to_contain_text("Geweigerd")
    assert all(text.startswith("Geweigerd") for text in outcomes.all_inner_texts())

    tab_to(page, "a[href='/fg/controle']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("In orde.")
    expect(page.locator("#controlepunt")).to_contain_text("zorgafstemming")
    check_page(page, "fg-controle")


def _short_reference(file_id: uuid.UUID) -> Callable[[Runtime], Coroutine[Any, Any, str]]:
    async def make(runtime: Runtime) -> str:
        from zorgafstemming.audit.references import file_reference

        return file_reference(runtime.secrets.audit_key, file_id)

    return make


def test_dpo_places_and_lifts_a_legal_hold_on_a_closed_file_by_keyboard(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.service import files

    seeded = seed_family_file(live_server)

    async def close(rt: Runtime) -> None:
        async with rt.unit_of_work() as uow:
            await files.close_file(uow, seeded.lead.principal(), AuditContext(), seeded.file_id)

    live_server.run(close)
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    sign_in_by_keyboard(page, live_server, dpo, "/fg/audit")
    tab_to(page, "a[href='/fg/bewaring']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bewaartermijnen")
    short = live_server.run(_short_reference(seeded.file_id))
    row = page.get_by_role("row").filter(has_text=short).first
    expect(row).to_contain_text("Wissen")
    check_page(page, "fg-bewaring")

    hold = f"form[action='/fg/bewaring/{seeded.file_id}/blokkering']"
    tab_to(page, f"{hold} select")
    page.keyboard.type("Gerechtelijke")
    tab_to(page, f"{hold} button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De juridische blokkering is geplaatst.")
    expect(page.get_by_role("row").filter(has_text=short).first).to_contain_text("Geblokkeerd")

    tab_to(page, f"form[action='/fg/bewaring/{seeded.file_id}/blokkering/opheffen'] button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("De juridische blokkering is opgeheven.")
