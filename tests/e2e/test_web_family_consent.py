"""The family's consent journeys in /mijn: giving consent in the portal (the organisation's
worker sees the file on their next page), and contesting a consent an organisation recorded
(its access stops, and the family is told which organisations no longer have access)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.assignments import assign
from tests.factories.family_consents import member_of, staff_consent
from tests.factories.family_file import FamilyFile, seed_family_file
from tests.factories.live_server import LiveServer
from zorgafstemming.identity.principal import Role


def _third_organisation(live_server: LiveServer) -> tuple[uuid.UUID, str, TestAccount]:
    """An organisation that no consent of the file names yet, with a worker."""
    name = f"OCMW Wijnegem {uuid.uuid4().hex[:6]}"

    async def make(runtime: Any) -> tuple[uuid.UUID, str, TestAccount]:
        org = await create_organisation(runtime, name=name, kind="social_services")
        worker = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=org)
        return org, name, worker

    return live_server.run(make)


def _open_file_page(page: Page, seeded: FamilyFile) -> None:
    page.goto(f"/mijn/dossiers/{seeded.file_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Dossier [0-9A-Z]{8}$"))


def test_the_family_gives_consent_and_the_organisations_worker_sees_the_file_next(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    _, org_name, worker = _third_organisation(live_server)

    other_context = browser.new_context(base_url=live_server.url, locale="nl-BE")
    other = other_context.new_page()
    other_console = watch_console(other)
    sign_in(other, live_server, worker, "/dossiers")
    expect(other.get_by_text("U hebt nu geen dossiers.")).to_be_visible()

    sign_in(page, live_server, seeded.parent, "/mijn")
    _open_file_page(page, seeded)
    page.get_by_role("link", name="Toestemming geven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming geven")
    expect(page.get_by_text("Uitleg versie")).to_be_visible()
    check_page(page, "gezin-toestemming-geven")

    # Nothing chosen: the errors stand next to the fields, nothing is stored.
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        page.get_by_role("button", name="Toestemming geven").click()
    assert refused.value.status == 422
    expect(page.get_by_text("Kies minstens één organisatie.").first).to_be_visible()
    check_page(page, "gezin-toestemming-geven-fouten")

    page.get_by_role("group", name="Voor wie geeft u toestemming?").get_by_label(
        "Els Peeters"
    ).check()
    page.get_by_label(org_name).check()
    page.get_by_label("Afstemming van hulp tussen partners").check()
    page.get_by_label("Identiteit").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Toestemming geven").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw toestemming is bewaard.")
    expect(page.get_by_text("Gegeven door u, in het gezinsportaal").first).to_be_visible()
    check_page(page, "gezin-dossier-na-toestemming")

    # Once its coordinator assigned them, the organisation's worker sees the file on their
    # very next page.
    live_server.run(lambda rt: assign(rt, seeded.file_id, worker))
    other.goto("/dossiers")
    expect(other.locator(f"a[href='/dossiers/{seeded.file_id}']")).to_be_visible()
    response = other.goto(f"/dossiers/{seeded.file_id}")
    assert response is not None and response.status == 200
    expect(other.get_by_role("heading", name="Els Peeters")).to_be_visible()

    page.get_by_role("link", name="Meldingen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    expect(
        page.get_by_text("Er is een toestemming gegeven in het gezinsportaal.")
    ).not_to_have_count(0)
    check_page(page, "gezin-meldingen")
    assert other_console.messages == []
    other_context.close()


def test_the_family_contests_a_pending_consent_and_the_organisation_loses_access(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = seed_family_file(live_server)
    org, org_name, _ = _third_organisation(live_server)

    async def record(runtime: Any) -> uuid.UUID:
        parent = await member_of(runtime, seeded.file_id, seeded.parent.id)
        return await staff_consent(
            runtime, seeded.file_id, organisation_id=org, given_by=parent, members=[parent]
        )

    consent_id = live_server.run(record)

    sign_in(page, live_server, seeded.parent, "/mijn")
    _open_file_page(page, seeded)
    card = page.get_by_role("region", name="Toestemming 2")
    expect(card).to_contain_text("Wacht op uw bevestiging")
    expect(card).to_contain_text(f"Geregistreerd door {org_name}")
    card.get_by_role("link", name="Bevestigen of zeggen dat het niet klopt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming bevestigen")
    check_page(page, "gezin-toestemming-bevestigen")
    page.get_by_role("link", name="Zeg dat het niet klopt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toestemming klopt niet")
    expect(
        page.get_by_text(
            "Klopt dit niet? Dan stopt de toegang meteen en bekijkt de functionaris voor "
            "gegevensbescherming het."
        )
    ).to_be_visible()
    check_page(page, "gezin-toestemming-betwisten")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Dit klopt niet, stop de toegang").click()
    assert posted.value.status == 303
    expect(page).to_have_url(
        f"{live_server.url}/mijn/dossiers/{seeded.file_id}/toestemmingen/{consent_id}"
        "/ingetrokken?melding=toestemming-betwist"
    )
    expect(page.get_by_role("status")).to_contain_text("De toegang is gestopt.")
    gone = page.get_by_role("list", name="Deze organisaties hebben geen toegang meer")
    expect(gone).to_contain_text(org_name)
    check_page(page, "gezin-toestemming-betwist")

    _open_file_page(page, seeded)
    expect(page.get_by_role("region", name="Toestemming 2")).to_contain_text("Betwist")
