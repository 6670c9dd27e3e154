"""The pages that keep the member list current, and the fixes of the worker's file page
(SQLite and PostgreSQL): add a member, correct a field, end a membership, the family's history
of corrections; a correction that answers the family's rectification request; withheld
banners that say exactly what is withheld, only eligible partners offered, Dutch role labels,
dates typed and shown as dd/mm/jjjj, more than four members at opening."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories import create_account
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    add_partner,
    consent,
    family,
    make_network,
    member_id,
    open_file,
    years_ago,
)
from tests.factories.evidence import pdf_scan
from tests.factories.rights import file_request, request_file
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _file(
    client: AsyncClient, runtime: Runtime, *, partner_categories: list[str] | None = None
) -> tuple[Network, dict[str, Any]]:
    """A file led by organisation 0 (every category); organisation 1 takes part under the
    parent's consent for the parent and the child with ``partner_categories``; organisation 2
    is named by the youth's consent but does not take part."""
    net = await make_network(runtime)
    now = runtime.clock()
    cats = partner_categories or ["identity", "case_notes"]
    body = {
        "members": family(now),
        "consents": [
            consent("parent", ["parent", "child"], [net.orgs[0]], now),
            consent(
                "parent", ["parent", "child"], [net.orgs[0], net.orgs[1]], now, categories=cats
            ),
            consent("youth", ["youth"], [net.orgs[0], net.orgs[2]], now),
        ],
    }
    view = await open_file(client, net.headers[0], body)
    await add_partner(client, net.headers[0], view["id"], net.orgs[1])
    await assign(runtime, view["id"], net.workers[1])
    return net, view


async def test_the_lead_adds_a_newborn_who_shows_only_as_withheld(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid = view["id"]
    await sign_in_as(client, runtime, net.workers[0])
    page = f"/dossiers/{fid}/leden/nieuw"
    form = await client.get(page)
    assert 'type="date"' not in form.text
    assert 'placeholder="dd/mm/jjjj"' in form.text
    assert "Typ de datum als dd/mm/jjjj" in form.text

    wrong = await post_form(
        client,
        page,
        page,
        {
            "role": "child",
            "given_name": "Lotte",
            "family_name": "Peeters",
            "birth_date": "2026-13-45",
        },
    )
    assert wrong.status_code == 422
    assert "Vul een bestaande geboortedatum in als dd/mm/jjjj" in wrong.text

    born = runtime.clock().date().replace(day=1)
    added = await post_form(
        client,
        page,
        page,
        {
            "role": "child",
            "given_name": "Lotte",
            "family_name": "Peeters",
            "birth_date": born.strftime("%d/%m/%Y"),
        },
    )
    assert added.status_code == 303, added.text
    # On to the consent form, the new member pre-selected and called as such.
    consent_form = await client.get(added.headers["location"])
    assert "Het gezinslid is toegevoegd" in consent_form.text
    [box] = re.findall(r'<input type="checkbox"[^>]*name="members"[^>]*checked>', consent_form.text)
    newborn = re.search(r'value="([^"]+)"', box)
    assert newborn is not None
    label = consent_form.text.split(box, 1)[1].split("</label>", 1)[0]
    assert "Het nieuwe gezinslid (net toegevoegd)" in label
    shown = await client.get(f"/dossiers/{fid}")
    assert "Lotte" not in shown.text
    assert "Een gezinslid dat u niet mag zien" in shown.text

    # A partner may not add one.
    await sign_in_as(client, runtime, net.workers[1])
    refused = await post_form(
        client,
        page,
        page,
        {
            "role": "child",
            "given_name": "Lotte",
            "family_name": "Peeters",
            "birth_date": born.strftime("%d/%m/%Y"),
        },
    )
    assert refused.status_code == 403
    assert "Alleen de leidende organisatie" in refused.text


async def test_a_correction_shows_in_the_family_history(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid, parent = view["id"], member_id(view, "parent")
    holder = await create_account(runtime, Role.FAMILY, with_email=False)
    await link_and_accept(client, runtime, net.headers[0], fid, parent, holder)

    # The partner sees only the identity fields to correct, the contact ones are withheld.
    await sign_in_as(client, runtime, net.workers[1])
    page = f"/dossiers/{fid}/leden/{parent}/verbeteren"
    form = await client.get(page)
    assert form.status_code == 200
    assert 'name="family_name"' in form.text and 'name="address"' not in form.text
    # The birth date is offered as typed here, dd/mm/jjjj.
    assert re.search(r'name="birth_date" type="text" value="\d{2}/\d{2}/\d{4}"', form.text)
    no_reason = await post_form(client, page, page, {"family_name": "Peters"})
    assert no_reason.status_code == 422
    assert "Kies waarom u de gegevens verbetert." in no_reason.text
    done = await post_form(
        client,
        page,
        page,
        {"family_name": "Peters", "given_name": "Els", "reason": "typo", "note": "Tikfout."},
    )
    assert done.status_code == 303, done.text
    assert "gegevens-verbeterd" in done.headers["location"]
    smuggled = await post_form(client, page, page, {"address": "Elders 1", "reason": "typo"})
    assert smuggled.status_code == 422
    assert "De toestemming dekt deze gegevens niet" in smuggled.text
    # Making the child of 8 a youth of 13 would change who consents for her: refused.
    child = member_id(view, "child")
    child_page = f"/dossiers/{fid}/leden/{child}/verbeteren"
    older = date.fromisoformat(years_ago(runtime.clock(), 13)).strftime("%d/%m/%Y")
    shifted = await post_form(
        client, child_page, child_page, {"birth_date": older, "reason": "wrong_birth_date"}
    )
    assert shifted.status_code == 422
    assert "verandert wie toestemming geeft voor dit gezinslid" in shifted.text
    assert "functionaris voor gegevensbescherming" in shifted.text

    await sign_in_as(client, runtime, holder)
    notices = await client.get("/mijn/meldingen")
    assert "Een organisatie verbeterde gegevens van een gezinslid." in notices.text
    history = await client.get(f"/mijn/dossiers/{fid}/verbeteringen")
    assert history.status_code == 200, history.text
    assert "Familienaam van Els Peters" in history.text
    assert "Peeters" in history.text and "Peters" in history.text
    assert "Tikfout" in history.text
    mine = await client.get(f"/mijn/dossiers/{fid}")
    assert f"/mijn/dossiers/{fid}/verbeteringen" in mine.text


async def test_a_correction_answers_the_rectification_request_it_names(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    parent, youth = f.members["parent"], f.members["youth"]
    asked = await file_request(
        client,
        f.headers["parent"],
        parent,
        kind="rectification",
        details="Mijn familienaam is nu Peeters-Janssens.",
    )
    other = await file_request(
        client, f.headers["youth"], youth, kind="rectification", details="Mijn gsm is fout."
    )
    assert asked.status_code == other.status_code == 201, asked.text
    request_id, other_id = asked.json()["id"], other.json()["id"]
    page = f"/dossiers/{f.file_id}/leden/{parent}/verbeteren"

    # Only the lead's assigned worker handles it: a partner's form does not offer it.
    await sign_in_as(client, runtime, f.partner)
    partner_form = await client.get(page)
    assert partner_form.status_code == 200
    assert "Peeters-Janssens" not in partner_form.text
    assert 'name="request_id"' not in partner_form.text

    partner_file = await client.get(f"/dossiers/{f.file_id}")
    assert "Verzoeken van het gezin om te verbeteren" not in partner_file.text

    # The lead's file page lists both requests, each with the way to answer it.
    await sign_in_as(client, runtime, f.lead)
    lead_file = await client.get(f"/dossiers/{f.file_id}")
    assert "Verzoeken van het gezin om te verbeteren" in lead_file.text
    assert f'href="{page}"' in lead_file.text
    assert f'href="/fg/verzoeken/{request_id}"' in lead_file.text
    assert f'href="/fg/verzoeken/{other_id}"' in lead_file.text
    form = await client.get(page)
    assert "Beantwoordt deze verbetering een verzoek van het gezin?" in form.text
    assert "Mijn familienaam is nu Peeters-Janssens." in form.text
    assert "Mijn gsm is fout." not in form.text  # the youth's request, about someone else
    assert f'value="{request_id}"' in form.text
    assert re.search(r'name="request_id" value="" checked', form.text)
    correction = {"family_name": "Peeters-Janssens", "reason": "name_changed"}

    for wrong in ("geen-verzoek", other_id):
        refused = await post_form(client, page, page, {**correction, "request_id": wrong})
        assert refused.status_code == 422, refused.text
        assert "Dit verzoek kan deze verbetering niet beantwoorden" in refused.text
    unchanged = await client.get(f"/dossiers/{f.file_id}")
    assert "Peeters-Janssens" not in unchanged.text

    done = await post_form(client, page, page, {**correction, "request_id": request_id})
    assert done.status_code == 303, done.text
    shown = await client.get(done.headers["location"])
    assert "het verzoek van het gezin is beantwoord" in shown.text
    assert "Els Peeters-Janssens" in shown.text
    # A correction naming a request must change something to answer it.
    same = {"family_name": "Peeters-Janssens", "reason": "typo", "request_id": other_id}
    youth_page = f"/dossiers/{f.file_id}/leden/{youth}/verbeteren"
    youth_form = await client.get(youth_page)
    kept = re.search(r'id="f-family_name"[^>]*value="([^"]*)"', youth_form.text)
    assert kept is not None
    same["family_name"] = kept.group(1)
    nothing = await post_form(client, youth_page, youth_page, same)
    assert nothing.status_code == 422, nothing.text
    assert "Deze verbetering verandert niets" in nothing.text
    # Answered now: no longer offered, and naming it again is refused with the same words.
    again = await client.get(page)
    assert 'name="request_id"' not in again.text
    twice = await post_form(
        client, page, page, {"family_name": "Peeters", "reason": "typo", "request_id": request_id}
    )
    assert twice.status_code == 422
    assert "Dit verzoek kan deze verbetering niet beantwoorden" in twice.text
    assert 'id="f-request_id"' in twice.text  # the error sits next to the choice it is about

    await sign_in_as(client, runtime, f.parent)
    mine = await client.get(f"/mijn/verzoeken/{request_id}")
    assert "Beantwoord" in mine.text
    assert "De gegevens zijn verbeterd. Wat veranderde, ziet u bij de verbeteringen." in mine.text
    assert f'href="/mijn/dossiers/{f.file_id}/verbeteringen"' in mine.text
    history = await client.get(f"/mijn/dossiers/{f.file_id}/verbeteringen")
    assert "Familienaam van Els Peeters-Janssens" in history.text


async def test_an_ended_member_leaves_the_file_page(client: AsyncClient, runtime: Runtime) -> None:
    net, view = await _file(client, runtime)
    fid, child = view["id"], member_id(view, "child")
    await sign_in_as(client, runtime, net.workers[0])
    page = f"/dossiers/{fid}/leden/{child}/beeindigen"
    none = await post_form(client, page, page, {})
    assert none.status_code == 422
    assert "Kies waarom het lidmaatschap eindigt." in none.text
    ended = await post_form(client, page, page, {"reason": "moved_out"})
    assert ended.status_code == 303
    await sign_in_as(client, runtime, net.workers[1])
    shown = await client.get(f"/dossiers/{fid}")
    assert "Mila" not in shown.text


async def test_the_file_page_says_exactly_what_is_withheld(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    fid = view["id"]
    await sign_in_as(client, runtime, net.workers[1])
    shown = await client.get(f"/dossiers/{fid}")
    assert shown.status_code == 200
    banner = shown.text.split('role="note"', 1)[1].split("</div>", 1)[0]
    assert "Contactgegevens van alle gezinsleden die u ziet" in banner
    assert "Identiteit" not in banner
    assert "alle gegevens van 1 gezinslid" in banner
    # Dutch role labels, never "Ouder Ouder".
    assert "kind jonger dan 12" in shown.text
    assert "Ouder Ouder" not in shown.text


async def test_after_a_withdrawal_of_identity_a_member_is_called_by_role(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime, partner_categories=["case_notes"])
    await sign_in_as(client, runtime, net.workers[1])
    shown = await client.get(f"/dossiers/{view['id']}")
    assert "Ouder (naam afgeschermd)" in shown.text
    assert "Ouder Ouder" not in shown.text
    assert "Identiteit van alle gezinsleden die u ziet" in shown.text


async def test_the_partner_list_offers_only_eligible_organisations(
    client: AsyncClient, runtime: Runtime
) -> None:
    net, view = await _file(client, runtime)
    await sign_in_as(client, runtime, net.workers[0])
    shown = await client.get(f"/dossiers/{view['id']}")
    select = shown.text.split('id="f-organisation_id"', 1)[1].split("</select>", 1)[0]
    options = set(re.findall(r'<option value="([^"]*)"', select)) - {""}
    assert options == {str(net.orgs[2])}  # named by a consent in force, not yet taking part


async def test_the_open_file_form_takes_more_than_four_members(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    await sign_in_as(client, runtime, net.workers[0])
    page = "/dossiers/nieuw"
    first = await client.get(page)
    assert "Gezinslid 4" in first.text and "Gezinslid 5" not in first.text
    more = await post_form(client, page, page, {"rijen": "4", "actie": "lid-toevoegen"})
    assert more.status_code == 200
    assert "Gezinslid 5" in more.text and "Gezinslid 6" not in more.text

    people = [
        ("parent", "Els", "Peeters", "30/07/1985"),
        ("child", "Mila", "Peeters", "01/03/2018"),
        ("child", "Lotte", "Peeters", "02/04/2019"),
        ("child", "Jens", "Peeters", "03/05/2020"),
        ("child", "Fien", "Peeters", "04/06/2021"),
    ]
    data: dict[str, Any] = {"rijen": "5"}
    for row, (role, given, family_name, born) in enumerate(people, start=1):
        data |= {
            f"m{row}_role": role,
            f"m{row}_given_name": given,
            f"m{row}_family_name": family_name,
            f"m{row}_birth_date": born,
        }
    until = runtime.clock().date().replace(year=runtime.clock().year + 1)
    data |= {
        "c_given_by": "m1",
        "c_members": [f"m{r}" for r in range(1, 6)],
        "c_recipients": str(net.orgs[0]),
        "c_purposes": "care_coordination",
        "c_categories": ["identity", "case_notes"],
        "c_legal_basis": "consent",
        "c_notice_version": "2026-1",
        "c_valid_until": until.strftime("%d/%m/%Y"),
    }
    opened = await post_form(
        client,
        page,
        page,
        data,
        files={"c_evidence": ("formulier.pdf", pdf_scan(), "application/pdf")},
    )
    assert opened.status_code == 303, opened.text
    shown = await client.get(opened.headers["location"])
    assert "Fien Peeters" in shown.text
    assert "04/06/2021" in shown.text
    assert uuid.UUID(opened.headers["location"].split("/")[2].split("?")[0])


async def test_no_date_picker_is_left_and_the_audit_filter_reads_dutch_dates(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    page = await client.get("/fg/audit")
    assert 'type="date"' not in page.text
    assert 'placeholder="dd/mm/jjjj"' in page.text
    filtered = await client.get("/fg/audit", params={"van": "01/11/2026", "tot": "30/11/2026"})
    assert filtered.status_code == 200
    assert 'value="01/11/2026"' in filtered.text
    wrong = await client.get("/fg/audit", params={"van": "31/02/2026"})
    assert wrong.status_code == 422
    assert "Vul een datum in als dd/mm/jjjj" in wrong.text
