"""The restriction pages without a browser (SQLite and PostgreSQL): the DPO restricts a file by
its short reference and lifts it, or restricts what a family's restriction request asks for (one
member's data, or the whole file) from that request, answering it; meanwhile the worker's file
page says only that the file is restricted, and the dashboard lists it without a label; a new
partner, a referral and accepting one are refused with a Dutch message until the restriction is
lifted."""

from __future__ import annotations

import re

import pytest
from httpx import AsyncClient, Response

from tests.factories import create_account
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.emergency import reference
from tests.factories.referrals import NOTE, refer
from tests.factories.restrictions import lift, restrict
from tests.factories.rights import erasure_request
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime
from zorgafstemming.web import labels

_LIFT = re.compile(r'action="(/fg/beperkingen/[0-9a-f-]+/opheffen)"')
PAGE = "/fg/beperkingen"


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _post(client: AsyncClient, action: str, data: dict[str, str]) -> Response:
    """Post a form of the restrictions page."""
    return await post_form(client, PAGE, action, data)


async def test_the_dpo_restricts_and_lifts_and_the_worker_sees_only_that(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    short = reference(runtime, view["id"])
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)

    unknown = await _post(client, PAGE, {"file_reference": "AAAA-AAAA", "reason": "Betwist."})
    assert unknown.status_code == 422 and "geen open dossier" in unknown.text
    placed = await _post(client, PAGE, {"file_reference": short, "reason": "Betwist."})
    assert placed.status_code == 303, placed.text

    await sign_in_as(client, runtime, net.workers[0])
    page = await client.get(f"/dossiers/{view['id']}")
    assert page.status_code == 200
    assert "Dit dossier is beperkt" in page.text
    assert "Peeters" not in page.text and "Els" not in page.text
    dashboard = await client.get("/dossiers")
    assert "Beperkt" in dashboard.text and "Peeters" not in dashboard.text

    await sign_in_as(client, runtime, dpo)
    listed = await client.get(PAGE)
    lift = _LIFT.search(listed.text)
    assert lift is not None
    no_reason = await _post(client, lift.group(1), {"reason": ""})
    assert no_reason.status_code == 422
    lifted = await _post(client, lift.group(1), {"reason": "Rechtgezet."})
    assert lifted.status_code == 303

    await sign_in_as(client, runtime, net.workers[0])
    page = await client.get(f"/dossiers/{view['id']}")
    assert "Dit dossier is beperkt" not in page.text and "Els" in page.text


async def test_a_restricted_file_takes_no_new_partner_or_referral_and_says_so_in_dutch(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
    fid = view["id"]
    sent = await refer(client, net.headers[0], fid, net.orgs[2])
    assert sent.status_code == 201, sent.text
    accept = f"/verwijzingen/{sent.json()['id']}/aanvaarden"
    placed = await restrict(runtime, fid)

    await sign_in_as(client, runtime, net.workers[0])
    page = f"/dossiers/{fid}"
    added = await post_form(client, page, f"{page}/partners", {"organisation_id": str(net.orgs[1])})
    assert added.status_code == 409
    assert labels.RESTRICTED_NO_PARTNER in added.text and "Dit dossier is beperkt" in added.text
    assert "Peeters" not in added.text
    referred = await post_form(
        client,
        page,
        f"{page}/verwijzingen",
        {
            "to_organisation_id": str(net.orgs[1]),
            "purpose": "care_coordination",
            "urgency": "soon",
            "note_category": "case_notes",
            "note": NOTE,
        },
    )
    assert referred.status_code == 409 and labels.RESTRICTED_NO_REFERRAL in referred.text

    await sign_in_as(client, runtime, net.workers[2])
    refused = await post_form(client, "/verwijzingen", accept, {})
    assert refused.status_code == 409 and labels.RESTRICTED_NO_JOINING in refused.text

    await lift(runtime, placed)
    joined = await post_form(client, "/verwijzingen", accept, {})
    assert joined.status_code == 303
    assert joined.headers["location"].startswith(f"/dossiers/{fid}")
    await sign_in_as(client, runtime, net.workers[0])
    added = await post_form(client, page, f"{page}/partners", {"organisation_id": str(net.orgs[1])})
    assert added.status_code == 303


async def test_a_restriction_request_is_decided_from_the_request_for_what_it_asks(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid, child, parent = view["id"], member_id(view, "child"), member_id(view, "parent")
    about_child = await erasure_request(runtime, fid, child, kind="restriction")
    access = await erasure_request(runtime, fid, child, kind="access")
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)

    request_page = await client.get(f"/fg/verzoeken/{about_child}")
    assert "Beslissen over beperking" in request_page.text
    assert f'href="/fg/beperkingen?verzoek={about_child}"' in request_page.text
    form = await client.get(f"{PAGE}?verzoek={about_child}")
    assert form.status_code == 200
    assert "De gegevens van het gezinslid over wie het verzoek gaat" in form.text
    assert f'name="verzoek" value="{about_child}"' in form.text
    not_restriction = await client.get(f"{PAGE}?verzoek={access}")
    assert not_restriction.status_code == 404
    assert "geen open verzoek tot beperking" in not_restriction.text
    no_reason = await _post(client, PAGE, {"verzoek": about_child, "reason": ""})
    assert no_reason.status_code == 422 and "Schrijf waarom" in no_reason.text

    placed = await _post(client, PAGE, {"verzoek": about_child, "reason": "Betwist."})
    assert placed.status_code == 303, placed.text
    assert placed.headers["location"] == f"/fg/verzoeken/{about_child}?melding=beperking-geplaatst"
    answered = await client.get(placed.headers["location"])
    assert "Beantwoord" in answered.text and "Beslissen over beperking" not in answered.text
    again = await _post(client, PAGE, {"verzoek": about_child, "reason": "Betwist."})
    assert again.status_code == 409 and "Over dit verzoek is al beslist" in again.text

    # The child's data alone is restricted: the worker still reads the parent, not the child.
    read = (await client.get(f"/api/v1/files/{fid}", headers=net.headers[0])).json()
    seen = {m["id"]: m["visible"] for m in read["members"]}
    assert seen == {child: False, parent: True, member_id(view, "youth"): True}


async def test_a_whole_file_restriction_request_restricts_the_whole_file(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid = view["id"]
    whole = await erasure_request(
        runtime, fid, member_id(view, "parent"), kind="restriction", scope="file"
    )
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)

    form = await client.get(f"{PAGE}?verzoek={whole}")
    assert "Het hele dossier, van alle gezinsleden" in form.text
    placed = await _post(client, PAGE, {"verzoek": whole, "reason": "Betwist."})
    assert placed.status_code == 303, placed.text

    await sign_in_as(client, runtime, net.workers[0])
    page = await client.get(f"/dossiers/{fid}")
    assert "Dit dossier is beperkt" in page.text and "Els" not in page.text
