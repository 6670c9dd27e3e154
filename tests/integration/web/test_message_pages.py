"""The message pages without JavaScript (SQLite and PostgreSQL): a worker starts a thread to the
family with an attachment in one multipart form, a text file named .pdf is refused with a Dutch
message, and the family reads the thread on /mijn/berichten and answers it."""

from __future__ import annotations

import re

import pytest
from httpx import AsyncClient, Response

from tests.factories import create_account
from tests.factories.assignments import link_and_accept
from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.evidence import pdf_scan
from tests.factories.web_forms import post_form, sign_in_as
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def _post(
    client: AsyncClient,
    page: str,
    action: str,
    data: dict[str, str | list[str]],
    files: dict[str, tuple[str, bytes, str]] | None = None,
) -> Response:
    """Post a form of ``page`` (with its CSRF token), multipart when ``files`` are given."""
    return await post_form(client, page, action, data, files=files)


async def test_a_worker_writes_to_the_family_who_reads_and_answers_on_the_web(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid, parent = view["id"], member_id(view, "parent")
    holder = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, net.headers[0], fid, parent, holder)

    await sign_in_as(client, runtime, net.workers[0])
    page = f"/dossiers/{fid}/berichten"
    assert f'href="/dossiers/{fid}/berichten"' in (await client.get(f"/dossiers/{fid}")).text
    fields: dict[str, str | list[str]] = {
        "audience": "family",
        "category": "care_plan",
        "about": [parent],
        "subject": "Afspraak bij het OCMW",
        "body": "Past dinsdag om 10 uur?",
    }
    fake = ("afspraak.pdf", b"Dit is gewone tekst.\n", "application/pdf")
    refused = await _post(client, page, page, fields, {"attachment": fake})
    assert refused.status_code == 422
    assert "Kies een PDF, JPEG of PNG van hoogstens 10 MB." in refused.text
    assert "Past dinsdag om 10 uur?" in refused.text  # the text typed is kept
    scan = ("uitnodiging.pdf", pdf_scan("Uitnodiging"), "application/pdf")
    sent = await _post(client, page, page, fields, {"attachment": scan})
    assert sent.status_code == 303, sent.text
    thread_page = sent.headers["location"].split("?")[0]
    shown = await client.get(thread_page)
    assert "Afspraak bij het OCMW" in shown.text and "Past dinsdag om 10 uur?" in shown.text
    link = re.search(rf'href="(/dossiers/{fid}/bijlagen/[^"]+)"', shown.text)
    assert link is not None
    assert (await client.get(link.group(1))).content == pdf_scan("Uitnodiging")

    await sign_in_as(client, runtime, holder)
    listed = await client.get("/mijn/berichten")
    assert listed.status_code == 200 and "Afspraak bij het OCMW" in listed.text
    notices = await client.get("/mijn/meldingen")
    assert "Nieuw bericht in dossier" in notices.text
    thread_id = thread_page.rsplit("/", 1)[1]
    mine = f"/mijn/berichten/{thread_id}"
    empty = await _post(client, mine, mine, {"body": ""})
    assert empty.status_code == 422 and "Typ een bericht" in empty.text
    answered = await _post(client, mine, mine, {"body": "Dinsdag past ons."})
    assert answered.status_code == 303
    assert "Dinsdag past ons." in (await client.get(mine)).text

    await sign_in_as(client, runtime, net.workers[0])
    assert "Dinsdag past ons." in (await client.get(thread_page)).text
