"""The DPO's review of a consent a worker recorded, by keyboard: the queue, the signed form as
a download, and "Nagekeken"."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ConsoleLog
from tests.e2e.helpers import sign_in_by_keyboard
from tests.e2e.pagecheck import check_page, tab_to
from tests.factories import TestAccount, create_account
from tests.factories.consent_reviews import SCAN, mark_staff_recorded
from tests.factories.family_file import seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role


def test_dpo_sees_a_consent_a_worker_recorded_and_marks_it_reviewed(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    lead_org = seeded.lead.organisation_id
    assert lead_org is not None

    async def recorded_by_worker(rt: Any) -> Any:
        return await mark_staff_recorded(rt, seeded.file_id, seeded.consent_id, lead_org)

    live_server.run(recorded_by_worker)
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    sign_in_by_keyboard(page, live_server, dpo, "/fg/audit")

    tab_to(page, "a[href='/fg/toestemmingen']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemmingen nakijken")
    row = page.get_by_role("row").filter(has_text=seeded.lead_org_name)
    expect(row).to_contain_text("Ondertekend formulier")
    expect(row).to_contain_text("Nog niet")
    expect(row).not_to_contain_text("Peeters")
    check_page(page, "fg-toestemmingen")

    with page.expect_download() as download:
        row.get_by_role("link", name="Formulier openen").click()
    path = download.value.path()
    assert path is not None and path.read_bytes() == SCAN

    form = f"form[action='/fg/toestemmingen/{seeded.consent_id}']"
    tab_to(page, f"{form} button[value=reviewed]")
    with page.expect_response(
        lambda r: (
            r.url.endswith(f"/fg/toestemmingen/{seeded.consent_id}") and r.request.method == "POST"
        )
    ) as posted:
        page.keyboard.press("Enter")
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("als nagekeken aangeduid")
    row = page.get_by_role("row").filter(has_text=seeded.lead_org_name)
    expect(row.locator("td[data-label=Nagekeken]")).to_contain_text("Nagekeken op")
    check_page(page, "fg-toestemmingen-nagekeken")
