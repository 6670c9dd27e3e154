"""The DPO's audit page in Chromium: readable at 1,280 px and at 320 px (no sideways scroll, no
word broken inside a word, axe clean, screenshots in test-artefacts/), and the journey of
finding every access to one family's file in under five clicks from the DPO's start page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, screenshot
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page, serious_axe_violations
from tests.factories import TestAccount, create_account
from tests.factories.family_file import FamilyFile, seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

WIDE, NARROW = 1280, 320

# Every word of the page's text that the browser laid out over two lines. References (code.ref)
# may break anywhere and hidden text is not laid out; a break at a hyphen is between words.
_BROKEN_WORDS = """(root) => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('.ref, .visually-hidden, select, option, script')) continue;
    const pattern = /[^\\s\\-\\/]+/g;
    let match;
    while ((match = pattern.exec(node.textContent))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects())
        .filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


def _layout_at(page: Page, width: int, name: str) -> dict[str, Any]:
    """Scroll width and broken words of the page at ``width`` px, with a screenshot."""
    page.set_viewport_size({"width": width, "height": 900})
    found = {
        "scroll_width": int(page.evaluate("document.documentElement.scrollWidth")),
        "broken_words": page.evaluate(_BROKEN_WORDS, "main"),
    }
    screenshot(page, f"{name}-{width}")
    return found


def _seed(live_server: LiveServer) -> tuple[FamilyFile, TestAccount]:
    seeded = seed_family_file(live_server)
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    return seeded, dpo


def _partner_opens_the_file(browser: Browser, live_server: LiveServer, seeded: FamilyFile) -> None:
    """The partner's worker opens the file once: one visit (the file and its entries)."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    partner = context.new_page()
    sign_in(partner, live_server, seeded.partner, "/dossiers")
    response = partner.goto(f"/dossiers/{seeded.file_id}")
    assert response is not None and response.status == 200
    context.close()


def _requests_on_file(live_server: LiveServer, seeded: FamilyFile) -> int:
    """How many requests touched the file, counted straight from the audit table (an event
    without a request id is a request of its own): every access the page must show."""
    from sqlalchemy import text

    from zorgafstemming.audit.service import audit_ref

    async def count(runtime: Runtime) -> int:
        ref = audit_ref(runtime.secrets.audit_key, "file", seeded.file_id)
        async with runtime.unit_of_work() as uow:
            rows = await uow.session.execute(
                text("SELECT id, request_id FROM audit_events WHERE file_ref = :ref"),
                {"ref": ref},
            )
            return len({str(r.request_id or r.id) for r in rows})

    return live_server.run(count)


def test_the_audit_page_reads_well_at_1280_and_320_px(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded, dpo = _seed(live_server)
    _partner_opens_the_file(browser, live_server, seeded)
    sign_in(page, live_server, dpo, "/fg/audit")
    rows = page.locator("table.audit-visits tbody tr")
    expect(rows.first).to_be_visible()
    # Dutch words, not codes.
    expect(page.locator("main")).not_to_contain_text("coordination:file:read")
    expect(page.locator("main")).to_contain_text("Dossier bekeken")
    check_page(page, "fg-audit-bezoeken")

    for width in (WIDE, NARROW):
        layout = _layout_at(page, width, "fg-audit")
        assert layout["scroll_width"] <= width, f"sideways scroll at {width} px"
        assert layout["broken_words"] == [], f"words broken inside at {width} px"
        assert serious_axe_violations(page) == []


def test_the_dpo_finds_every_access_to_one_family_file_in_under_five_clicks(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded, dpo = _seed(live_server)
    _partner_opens_the_file(browser, live_server, seeded)
    assert seeded.parent.email is not None
    sign_in(page, live_server, dpo, "/fg/audit")
    page.goto("/fg")  # the DPO's part of the service, typed in: it opens on the audit trail
    expect(page).to_have_url(f"{live_server.url}/fg/audit")
    clicks = 0

    # The family asks who looked at their file; the DPO looks the parent up by e-mail.
    page.get_by_label("Rijksregisternummer of e-mailadres").fill(seeded.parent.email)
    page.get_by_label("Reden van de opzoeking").fill("Vraag van het gezin: wie bekeek ons dossier?")
    page.get_by_role("button", name="Opzoeken").click()
    clicks += 1
    result = page.get_by_role("status")
    expect(result).to_contain_text("Dossiers van deze persoon")
    check_page(page, "fg-audit-opzoeking")

    result.get_by_role("link", name="Alle bezoeken aan dossier").first.click()
    clicks += 1
    expect(page.get_by_role("heading", level=2, name="Bezoeken aan dossier")).to_be_visible()
    rows = page.locator("table.audit-visits tbody tr")
    expect(rows.first).to_be_visible()

    assert clicks < 5
    # Every access, on one page: the lead's opening and the partner's visit at least.
    accesses = _requests_on_file(live_server, seeded)
    assert accesses >= 2
    assert rows.count() == accesses
    assert page.locator("a[rel=next]").count() == 0
    short = page.locator("table.audit-visits td[data-label=Dossier] code.ref").all_inner_texts()
    assert len(set(short)) == 1  # all about this one file
    partner_visit = rows.filter(has_text=seeded.partner_org_name).filter(has_text="Dossier bekeken")
    expect(partner_visit.first).to_contain_text("Verslagen en afspraken bekeken")  # one row
    check_page(page, "fg-audit-dossier")

    # From a row, everything that account did (the per-account view).
    partner_visit.first.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", level=2, name="Wat dit account deed")).to_be_visible()
    expect(page.locator("table.audit-visits tbody tr").first).to_contain_text(
        seeded.partner_org_name
    )


def test_the_retention_page_names_its_rules_in_plain_dutch(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    dpo: TestAccount = live_server.run(lambda rt: create_account(rt, Role.DPO))
    sign_in(page, live_server, dpo, "/fg/audit")
    page.get_by_role("link", name="Bewaartermijnen").click()
    rules = page.get_by_role("table", name="Regels")
    expect(rules).to_contain_text("Dossier: 18 maanden na de laatste activiteit → herbekijken")
    expect(page.locator("main")).not_to_contain_text("P18M")
    check_page(page, "fg-bewaring-regels")
    for width in (WIDE, NARROW):
        layout = _layout_at(page, width, "fg-bewaring")
        assert layout["scroll_width"] <= width
