"""The objection pages without a browser (SQLite and PostgreSQL): a youth objects in the portal
to their statute-based consent and the DPO gets a mail without case content; the lead's assigned
worker decides on the file page, a partner is not offered the form; the youth sees the decision
and its reason. A consent-based consent is not offered: the family withdraws it instead."""

from __future__ import annotations

import re
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import TestAccount, bearer_token, create_account, web_session
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    consent_of,
    file_body,
    make_network,
    member_id,
    open_file,
)
from tests.factories.emergency import reference
from tests.factories.mail import queued_mails
from tests.factories.restrictions import make_statute_based
from zorgafstemming.identity import sessions
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
PAGE = "/mijn/bezwaren"
GROUNDS = "Ik wil niet dat de school weet hoe het thuis gaat."
REASON = "Dwingende reden: de veiligheid van het kind vraagt overleg met de school."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _signed_in(client: AsyncClient, runtime: Runtime, account: TestAccount, page: str) -> str:
    """Sign ``account`` in and open ``page``; the form's CSRF token."""
    client.cookies.clear()
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    token = _TOKEN.search(shown.text)
    return token.group(1) if token else ""


async def _file(client: AsyncClient, runtime: Runtime) -> tuple[Network, dict[str, Any]]:
    """A file led by organisation 0, organisation 1 a partner with its worker assigned; the
    youth's own consent rests on the decree on integrated youth care."""
    net = await make_network(runtime, size=2)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    await make_statute_based(runtime, consent_of(view, "youth"))
    return net, view


async def _family_account(
    client: AsyncClient, runtime: Runtime, net: Network, view: dict[str, Any], role: str
) -> TestAccount:
    account = await create_account(runtime, Role.FAMILY)
    await link_and_accept(
        client, runtime, net.headers[0], view["id"], member_id(view, role), account
    )
    return account


async def test_a_youth_objects_and_the_lead_decides_on_the_file_page(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid = view["id"]
    youth = await _family_account(client, runtime, net, view, "youth")
    dpo = await create_account(runtime, Role.DPO)
    target = f"{consent_of(view, 'youth')}:{member_id(view, 'youth')}"

    token = await _signed_in(client, runtime, youth, "/mijn")
    start = await client.get("/mijn")
    assert f'href="{PAGE}"' in start.text
    shown = await client.get(PAGE)
    assert "U hebt nog geen bezwaar gemaakt." in shown.text
    assert f'value="{target}"' in shown.text and "Over uzelf (Noah)" in shown.text
    assert "Toestemmingen die u kunt intrekken" not in shown.text

    empty = await client.post(PAGE, data={"_csrf_token": token, "bezwaar": "?"})
    assert empty.status_code == 422
    assert "Kies waartegen u bezwaar maakt." in empty.text
    assert "Schrijf waarom u bezwaar maakt." in empty.text
    raised = await client.post(
        PAGE,
        data={"_csrf_token": token, "bezwaar": target, "gronden": GROUNDS},
        follow_redirects=False,
    )
    assert raised.status_code == 303, raised.text
    assert raised.headers["location"] == f"{PAGE}?melding=bezwaar-ingediend"

    # The DPO is alerted by mail: a link to the queue, nothing of the file or the grounds.
    mails = await queued_mails(runtime, account_id=dpo.id, kind="objection-raised")
    assert len(mails) == 1
    assert "/fg/bezwaren" in mails[0].body
    for secret in (GROUNDS, "Noah", "Peeters", reference(runtime, fid), fid):
        assert secret not in mails[0].body and secret not in mails[0].subject

    listed = await client.get(PAGE)
    assert GROUNDS in listed.text and "Wacht op een beslissing" in listed.text
    assert f'value="{target}"' not in listed.text  # not offered again while it waits
    again = await client.post(
        PAGE, data={"_csrf_token": token, "bezwaar": target, "gronden": GROUNDS}
    )
    assert again.status_code == 409
    assert "wacht al een bezwaar op een beslissing" in again.text

    # The lead's worker sees the objection with the decision form on the file page.
    await _signed_in(client, runtime, net.workers[0], f"/dossiers/{fid}")
    lead_page = await client.get(f"/dossiers/{fid}")
    assert "Bezwaren van het gezin" in lead_page.text and GROUNDS in lead_page.text
    found = re.search(r'action="(/dossiers/[^"]+/bezwaren/[0-9a-f-]+/beslissing)"', lead_page.text)
    assert found is not None
    action = found.group(1)

    # A partner that does not lead sees no objection and is refused the decision.
    token = await _signed_in(client, runtime, net.workers[1], f"/dossiers/{fid}")
    partner_page = await client.get(f"/dossiers/{fid}")
    assert "Bezwaren van het gezin" not in partner_page.text and GROUNDS not in partner_page.text
    assert "/beslissing" not in partner_page.text
    not_lead = await client.post(
        action, data={"_csrf_token": token, "uitkomst": "continue", "reden": REASON}
    )
    assert not_lead.status_code == 403

    token = await _signed_in(client, runtime, net.workers[0], f"/dossiers/{fid}")
    no_reason = await client.post(
        action, data={"_csrf_token": token, "uitkomst": "continue", "reden": " "}
    )
    assert no_reason.status_code == 422
    assert "Schrijf de reden van uw beslissing" in no_reason.text
    decided = await client.post(
        action,
        data={"_csrf_token": token, "uitkomst": "continue", "reden": REASON},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    assert decided.headers["location"] == f"/dossiers/{fid}?melding=bezwaar-beslist"
    twice = await client.post(
        action,
        data={"_csrf_token": token, "uitkomst": "stop", "reden": REASON},
        follow_redirects=False,
    )
    assert twice.headers["location"] == f"/dossiers/{fid}?melding=bezwaar-al-beslist"
    after = await client.get(f"/dossiers/{fid}")
    assert "Eerder beslist" in after.text and REASON in after.text
    assert action not in after.text  # decided: no form any more

    await _signed_in(client, runtime, youth, PAGE)
    outcome = await client.get(PAGE)
    assert "De verwerking gaat door" in outcome.text and REASON in outcome.text
    # Decided, the consent may be objected to again.
    assert f'value="{target}"' in outcome.text


async def test_a_parent_objects_for_a_child_but_withdraws_a_consent_based_one(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    parent = await _family_account(client, runtime, net, view, "parent")
    own = f"{consent_of(view, 'parent')}:{member_id(view, 'parent')}"
    token = await _signed_in(client, runtime, parent, PAGE)
    shown = await client.get(PAGE)
    # The parent's consent rests on consent: not offered, but withdrawn on the file's page.
    assert f'value="{own}"' not in shown.text
    assert "Toestemmingen die u kunt intrekken" in shown.text
    assert f'href="/mijn/dossiers/{view["id"]}"' in shown.text
    assert "U kunt nu nergens bezwaar tegen maken" in shown.text
    refused = await client.post(
        PAGE, data={"_csrf_token": token, "bezwaar": own, "gronden": "Nee."}
    )
    assert refused.status_code == 422
    assert "trekt u in op de pagina van uw dossier" in refused.text

    # Made statute-based, the parent objects for the child under 12 they represent.
    await make_statute_based(runtime, consent_of(view, "parent"))
    child = f"{consent_of(view, 'parent')}:{member_id(view, 'child')}"
    shown = await client.get(PAGE)
    assert f'value="{own}"' in shown.text and f'value="{child}"' in shown.text
    assert "Over Mila" in shown.text
    raised = await client.post(
        PAGE,
        data={"_csrf_token": token, "bezwaar": child, "gronden": GROUNDS},
        follow_redirects=False,
    )
    assert raised.status_code == 303
    listed = await client.get(PAGE)
    assert "Mila" in listed.text and GROUNDS in listed.text
    # The youth of 13 objects for themselves: the parent cannot object for them.
    youth = f"{consent_of(view, 'youth')}:{member_id(view, 'youth')}"
    assert f'value="{youth}"' not in listed.text
    for_youth = await client.post(
        PAGE, data={"_csrf_token": token, "bezwaar": youth, "gronden": GROUNDS}
    )
    assert for_youth.status_code == 422 and "Kies waartegen u bezwaar maakt." in for_youth.text


async def test_the_youth_is_offered_an_objection_not_a_withdrawal_of_a_statutory_consent(
    client: AsyncClient, runtime: Runtime
) -> None:
    """The family's file page and the API say how the youth ends each processing: their own
    consent rests on the decree (object), the parent's on consent (only the giver withdraws)."""
    net, view = await _file(client, runtime)
    youth = await _family_account(client, runtime, net, view, "youth")
    statutory = consent_of(view, "youth")
    await _signed_in(client, runtime, youth, f"/mijn/dossiers/{view['id']}")
    page = (await client.get(f"/mijn/dossiers/{view['id']}")).text
    assert f"/toestemmingen/{statutory}/intrekken" not in page
    assert 'href="/mijn/bezwaren">Bezwaar maken</a>' in page
    assert "op grond van de wet (decreet integrale jeugdhulp, artikel 74)" in page
    client.cookies.clear()
    token = await bearer_token(runtime, youth)
    mine = await client.get(
        f"/api/v1/me/files/{view['id']}", headers={"Authorization": f"Bearer {token}"}
    )
    assert mine.status_code == 200, mine.text
    seen = {c["id"]: c for c in mine.json()["consents"]}
    assert seen[statutory]["legal_basis"] == "dijh_art74"
    assert seen[statutory]["may_withdraw"] is None
    assert seen[statutory]["may_object"] is True
