"""The warm hand-over in the browser: a worker refers the family to another organisation from
the file page, that organisation accepts from its referral inbox and opens the file, the lead is
handed over and accepted, and the family sees their new contact point (aanspreekpunt). Every new
page is axe-clean and fits 320 px."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import msgspec
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import ConsoleLog, watch_console
from tests.e2e.helpers import sign_in
from tests.e2e.pagecheck import check_page
from tests.factories import TestAccount, create_account, create_organisation
from tests.factories.assignments import accept_links
from tests.factories.evidence import staged_scan
from tests.factories.live_server import LiveServer
from zorgafstemming.audit.references import file_reference
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

NOTE = "Mama zoekt opvoedingsondersteuning; liefst snel een eerste gesprek."


@dataclass
class Referral:
    file_id: uuid.UUID
    reference: str
    lead: TestAccount
    receiver: TestAccount
    parent: TestAccount
    lead_name: str
    receiver_name: str
    member_id: uuid.UUID


def _seed(live_server: LiveServer, *, receiver_named: bool = True) -> Referral:
    """A file led by a CAW worker, the parent's consent naming the CAW and (unless not
    ``receiver_named``) a Kind en Gezin team (which takes no part yet), the parent's family
    account linked; the receiving worker has a name and work phone on record."""
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.schemas import FileCreate
    from zorgafstemming.coordination.service import file_opening, invitations
    from zorgafstemming.identity.staff_contacts import set_staff_contact

    tag = uuid.uuid4().hex[:6]

    async def make(runtime: Runtime) -> Referral:
        lead_name, receiver_name = f"CAW De Kempen {tag}", f"Kind en Gezin Schilde {tag}"
        lead_org = await create_organisation(runtime, name=lead_name, kind="youth_welfare")
        receiver_org = await create_organisation(runtime, name=receiver_name, kind="child_family")
        lead = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=lead_org)
        receiver = await create_account(runtime, Role.SOCIAL_WORKER, organisation_id=receiver_org)
        parent = await create_account(runtime, Role.FAMILY, email=f"ouder-{tag}@example.org")
        now = runtime.clock()
        body = {
            "members": [
                {
                    "ref": "parent",
                    "role": "parent",
                    "given_name": "Els",
                    "family_name": "Peeters",
                    "birth_date": now.date().replace(year=now.year - 40, day=1).isoformat(),
                }
            ],
            "consents": [
                {
                    "given_by": "parent",
                    "members": ["parent"],
                    "recipients": [str(lead_org)] + ([str(receiver_org)] if receiver_named else []),
                    "purposes": ["care_coordination"],
                    "categories": ["identity", "case_notes"],
                    "evidence_id": str(await staged_scan(runtime, lead.principal())),
                    "notice_version": "2026-1",
                    "valid_until": (now + timedelta(days=365)).isoformat(),
                }
            ],
        }
        ctx = AuditContext()
        async with runtime.unit_of_work() as uow:
            view = await file_opening.open_file(
                uow, lead.principal(), ctx, msgspec.convert(body, FileCreate)
            )
            member = view.members[0].id
            await invitations.invite_member(uow, lead.principal(), ctx, view.id, member, parent.id)
            await set_staff_contact(
                uow, receiver.id, name="Sara Janssens", work_phone="+32 3 380 12 34"
            )
        await accept_links(runtime, parent)
        reference = file_reference(runtime.secrets.audit_key, view.id)
        return Referral(
            view.id, reference, lead, receiver, parent, lead_name, receiver_name, member
        )

    return live_server.run(make)


def test_referral_sent_accepted_lead_handed_over_and_the_family_sees_their_contact_point(
    page: Page, browser: Browser, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = _seed(live_server)
    file_page = f"/dossiers/{seeded.file_id}"

    # The lead's worker refers the family from the file page.
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(file_page)
    form = page.get_by_role("form", name="Gezin doorverwijzen")
    form.get_by_label("Naar organisatie").select_option(label=seeded.receiver_name)
    form.get_by_label("Hoe dringend?").select_option(label="Dringend")
    form.get_by_label("Overdrachtsnotitie").fill(NOTE)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        form.get_by_role("button", name="Verwijzing versturen").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("De verwijzing is verstuurd")
    expect(page.get_by_text(f"Naar {seeded.receiver_name}")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()
    check_page(page, "verwijzing-verstuurd")

    # The receiving organisation sees who refers, why and how urgent — not the note.
    receiving = browser.new_context(base_url=live_server.url, locale="nl-BE")
    other = receiving.new_page()
    other_console = watch_console(other)
    sign_in(other, live_server, seeded.receiver, "/dossiers")
    other.get_by_role("link", name="Verwijzingen voor uw organisatie").click()
    card = other.get_by_role("region", name=f"Dossier {seeded.reference}")
    expect(card).to_contain_text(seeded.lead_name)
    expect(card).to_contain_text("Dringend")
    expect(other.get_by_text(NOTE)).to_have_count(0)
    expect(other.get_by_text("Els")).to_have_count(0)
    check_page(other, "verwijzingen-inbox")
    with other.expect_response(lambda r: r.request.method == "POST") as posted:
        card.get_by_role("button", name=f"Aanvaarden verwijzing dossier {seeded.reference}").click()
    assert posted.value.status == 303
    # A consent names the organisation: it joins at once and the file opens.
    expect(other).to_have_url(f"{live_server.url}{file_page}?melding=verwijzing-aanvaard")
    expect(other.get_by_role("heading", name="Els Peeters")).to_be_visible()
    expect(other.get_by_text(NOTE)).to_be_visible()
    check_page(other, "verwijzing-aanvaard-dossier")

    # The lead offers the lead; the receiving organisation accepts it. The lead sees who the
    # new partner's contact person is: by name and work phone, not by sign-in address.
    page.goto(file_page)
    contacts = page.get_by_role("list", name="Contactpersonen")
    expect(contacts).to_contain_text(f"{seeded.receiver_name}: Sara Janssens — +32 3 380 12 34")
    assert seeded.receiver.email is not None
    expect(page.get_by_text(seeded.receiver.email)).to_have_count(0)
    page.get_by_label("Leiding overdragen aan").select_option(label=seeded.receiver_name)
    page.get_by_role("button", name="Leiding aanbieden").click()
    expect(page.get_by_role("status")).to_contain_text("De leiding is aangeboden")
    other.goto(file_page)
    check_page(other, "leiding-aangeboden")
    other.get_by_role("button", name="Leiding aanvaarden").click()
    expect(other.get_by_role("status")).to_contain_text("Uw organisatie leidt nu het dossier")
    expect(other.get_by_text(f"{seeded.receiver_name} (leidt het dossier)")).to_be_visible()
    assert other_console.messages == []
    receiving.close()

    # The former lead is a partner now: it may leave, and its access ends at once.
    page.goto("/dossiers")
    ours = page.get_by_role("row").filter(has_text=seeded.reference)
    expect(ours).to_contain_text("Partner")
    page.goto(file_page)
    check_page(page, "partner-kan-verlaten")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Dossier verlaten").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("Uw organisatie heeft het dossier verlaten")
    expect(page).to_have_url(f"{live_server.url}/dossiers?melding=dossier-verlaten")
    expect(page.get_by_role("row").filter(has_text=seeded.reference)).to_have_count(0)
    assert page.goto(file_page).status == 404  # type: ignore[union-attr]

    # The family sees their contact point: the new lead's contact person.
    family = browser.new_context(base_url=live_server.url, locale="nl-BE")
    portal = family.new_page()
    portal_console = watch_console(portal)
    sign_in(portal, live_server, seeded.parent, "/mijn")
    portal.goto(f"/mijn/dossiers/{seeded.file_id}")
    contact = portal.get_by_role("region", name="Uw aanspreekpunt")
    expect(contact).to_contain_text(seeded.receiver_name)
    expect(contact).to_contain_text("Sara Janssens")
    expect(contact).to_contain_text("+32 3 380 12 34")
    check_page(portal, "gezin-aanspreekpunt")
    assert portal_console.messages == []
    family.close()


def test_an_incomplete_referral_is_shown_again_with_dutch_messages(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    seeded = _seed(live_server)
    sign_in(page, live_server, seeded.lead, "/dossiers")
    page.goto(f"/dossiers/{seeded.file_id}/verwijzen")
    check_page(page, "verwijzing-formulier")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Verwijzing versturen").click()
    assert posted.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Kies een andere organisatie")
    expect(page.get_by_role("alert")).to_contain_text("Schrijf een overdrachtsnotitie")
    check_page(page, "verwijzing-formulier-fouten")


def test_a_referral_answered_meanwhile_is_explained_in_dutch(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.referral_schemas import ReferralDeclineIn, ReferralIn
    from zorgafstemming.coordination.service import referrals

    seeded = _seed(live_server)

    async def refer(runtime: Runtime) -> uuid.UUID:
        async with runtime.unit_of_work() as uow:
            organisation = seeded.receiver.organisation_id
            assert organisation is not None
            body = ReferralIn(
                to_organisation_id=organisation,
                purpose="care_coordination",
                note=NOTE,
                note_category="case_notes",
            )
            view = await referrals.refer(
                uow, seeded.lead.principal(), AuditContext(), seeded.file_id, body
            )
        return view.id

    referral_id = live_server.run(refer)
    sign_in(page, live_server, seeded.receiver, "/dossiers")
    check_page(page, "dashboard-met-verwijzingen")
    inbox = page.get_by_role("link", name="Verwijzingen voor uw organisatie")
    expect(inbox).to_contain_text("1 nieuw, te beantwoorden")
    inbox.click()
    card = page.get_by_role("region", name=f"Dossier {seeded.reference}")
    expect(card).to_contain_text("Wacht op antwoord")

    async def decline(runtime: Runtime) -> None:  # a colleague answers first
        async with runtime.unit_of_work() as uow:
            await referrals.decline_referral(
                uow,
                seeded.receiver.principal(),
                AuditContext(),
                referral_id,
                ReferralDeclineIn(reason="no_capacity"),
            )

    live_server.run(decline)
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        card.get_by_role("button", name=f"Aanvaarden verwijzing dossier {seeded.reference}").click()
    assert posted.value.status == 409
    expect(page.get_by_text("Deze verwijzing is al beantwoord.")).to_be_visible()
    check_page(page, "verwijzing-al-beantwoord")
    page.get_by_role("link", name="Terug").click()
    expect(card).to_contain_text("Geweigerd")
    expect(card).to_contain_text("Geen plaats of tijd")


def test_a_waiting_referral_is_joined_with_a_button_once_the_family_consents(
    page: Page, live_server: LiveServer, console: ConsoleLog
) -> None:
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.coordination.referral_schemas import ReferralIn
    from zorgafstemming.coordination.schemas import FamilyConsentIn
    from zorgafstemming.coordination.service import family_consents, referrals

    seeded = _seed(live_server, receiver_named=False)
    file_page = f"/dossiers/{seeded.file_id}"

    async def refer(runtime: Runtime) -> None:
        async with runtime.unit_of_work() as uow:
            organisation = seeded.receiver.organisation_id
            assert organisation is not None
            body = ReferralIn(
                to_organisation_id=organisation,
                purpose="care_coordination",
                note=NOTE,
                note_category="case_notes",
            )
            await referrals.refer(
                uow, seeded.lead.principal(), AuditContext(), seeded.file_id, body
            )

    live_server.run(refer)
    sign_in(page, live_server, seeded.receiver, "/dossiers")
    page.goto("/verwijzingen")
    card = page.get_by_role("region", name=f"Dossier {seeded.reference}")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        card.get_by_role("button", name=f"Aanvaarden verwijzing dossier {seeded.reference}").click()
    assert posted.value.status == 303
    expect(page.get_by_role("status")).to_contain_text("wacht op de toestemming van het gezin")
    expect(card).to_contain_text("Aanvaard — wacht op toestemming van het gezin")
    join = card.get_by_role("button", name=f"Toetreden tot het dossier {seeded.reference}")
    check_page(page, "verwijzing-wacht-op-toestemming")

    # Without the family's consent, joining is refused in Dutch and the file stays closed.
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        join.click()
    assert posted.value.status == 422
    expect(page.get_by_text("nog geen toestemming gegeven")).to_be_visible()
    check_page(page, "verwijzing-toetreden-zonder-toestemming")
    assert page.goto(file_page).status == 404  # type: ignore[union-attr]

    # Looking at the inbox after the family consents changes nothing: the file stays closed.
    async def consent(runtime: Runtime) -> None:
        async with runtime.unit_of_work() as uow:
            view = await referrals.list_referrals(
                uow, seeded.receiver.principal(), AuditContext(), limit=5
            )
            assert view.items[0].status == "waiting_for_consent"
        organisation = seeded.receiver.organisation_id
        assert organisation is not None
        async with runtime.unit_of_work() as uow:
            body = FamilyConsentIn(
                file_id=seeded.file_id,
                members=[seeded.member_id],
                recipients=[organisation],
                purposes=["care_coordination"],
                categories=["identity", "case_notes"],
                notice_version="2026-1",
            )
            await family_consents.family_give_consent(
                uow, seeded.parent.principal(), AuditContext(), body
            )

    live_server.run(consent)
    page.goto("/verwijzingen")
    expect(card).to_contain_text("Aanvaard — wacht op toestemming van het gezin")
    assert page.goto(file_page).status == 404  # type: ignore[union-attr]
    page.goto("/verwijzingen")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        join.click()
    assert posted.value.status == 303
    expect(page).to_have_url(f"{live_server.url}{file_page}?melding=verwijzing-aanvaard")
    expect(page.get_by_role("heading", name="Els Peeters")).to_be_visible()
    expect(page.get_by_text(NOTE)).to_be_visible()
