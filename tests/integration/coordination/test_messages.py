"""Messages on a file over the API, on SQLite and PostgreSQL: a partner writes and reads only
what its consent covers (the rest shows as withheld, never its content); the family reads and
answers only threads addressed to it about the people it may see; attachments are checked by
their content and every download is audited; a closed file is read-only."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from tests.factories import create_account
from tests.factories.accounts import auth_headers
from tests.factories.assignments import assign, link_and_accept
from tests.factories.coordination import (
    Network,
    audit_events,
    consent,
    file_body,
    in_unit_of_work,
    make_network,
    member_id,
    open_file,
)
from tests.factories.evidence import pdf_scan, png_scan
from zorgafstemming.coordination.message_models import Message, MessageAttachment
from zorgafstemming.coordination.service import family_messages
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: every test runs inside a rolled-back transaction."""
    return rolled_back


async def upload(
    client: AsyncClient, headers: dict[str, str], file_id: str, content: bytes
) -> Response:
    """Upload an attachment to the file as the raw request body (as a browser would name it)."""
    return await client.post(
        f"/api/v1/files/{file_id}/attachments",
        content=content,
        headers={**headers, "content-type": "application/pdf"},
    )


async def new_thread(
    client: AsyncClient, headers: dict[str, str], file_id: str, **fields: Any
) -> dict[str, Any]:
    body = {"audience": "partners", "category": "case_notes", "body": "Eerste bericht."} | fields
    made = await client.post(f"/api/v1/files/{file_id}/threads", json=body, headers=headers)
    assert made.status_code == 201, made.text
    result: dict[str, Any] = made.json()
    return result


async def write(
    client: AsyncClient, headers: dict[str, str], file_id: str, thread_id: str, **fields: Any
) -> Response:
    return await client.post(
        f"/api/v1/files/{file_id}/threads/{thread_id}/messages", json=fields, headers=headers
    )


async def count(runtime: Runtime, model: Any) -> int:
    async with runtime.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _shared_file(client: AsyncClient, runtime: Runtime, net: Network) -> dict[str, Any]:
    """A file of the first partner; the second takes part, its consent covering only identity
    and case notes of the parent and the child (not the youth)."""
    now = runtime.clock()
    body = file_body(now, [net.orgs[0], net.orgs[1]], categories=["identity", "case_notes"])
    body["consents"][1] = consent("youth", ["youth"], [net.orgs[0]], now)
    body["consents"].append(consent("parent", ["parent", "child"], [net.orgs[0]], now))
    view = await open_file(client, net.headers[0], body)
    added = await client.post(
        f"/api/v1/files/{view['id']}/participants",
        json={"organisation_id": str(net.orgs[1])},
        headers=net.headers[0],
    )
    assert added.status_code == 201, added.text
    await assign(runtime, view["id"], net.workers[1])
    return view


async def test_a_partner_without_the_category_cannot_write_and_sees_it_withheld(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid, parent = view["id"], member_id(view, "parent")
    scan = pdf_scan("Attest van de huisarts")
    attached = await upload(client, net.headers[0], fid, scan)
    assert attached.status_code == 201, attached.text
    assert attached.json()["media_type"] == "application/pdf"
    thread = await new_thread(
        client,
        net.headers[0],
        fid,
        category="health",
        about=[parent],
        subject="Slaap van Els",
        body="Slaapt slecht.",
        attachments=[attached.json()["id"]],
    )
    tid = thread["id"]
    assert (thread["subject"], thread["withheld"]) == ("Slaap van Els", False)
    note = await write(client, net.headers[0], fid, tid, category="case_notes", body="Gaat beter.")
    assert note.status_code == 201, note.text

    # The second partner cannot write in a category its consent does not cover …
    before = await count(runtime, Message)
    refused = await write(client, net.headers[1], fid, tid, body="Ook bij ons slecht.")
    assert refused.status_code == 422, refused.text
    assert refused.json()["type"] == "/problems/consent-required"
    assert await count(runtime, Message) == before
    # … nor about a member it has no consent for at all (the youth).
    youth = await write(
        client,
        net.headers[1],
        fid,
        tid,
        category="case_notes",
        about=[member_id(view, "youth")],
        body="x",
    )
    assert youth.status_code == 422 and youth.json()["type"] == "/problems/consent-required"

    # … and sees the subject and the health message withheld, never their content.
    threads = await client.get(f"/api/v1/files/{fid}/threads", headers=net.headers[1])
    assert threads.status_code == 200, threads.text
    [seen] = threads.json()["items"]
    assert seen["withheld"] is True and "subject" not in seen
    assert threads.json()["withheld_categories"] == ["health"]
    events = len(await audit_events(runtime))
    read = await client.get(f"/api/v1/files/{fid}/threads/{tid}/messages", headers=net.headers[1])
    assert read.status_code == 200, read.text
    first, second = read.json()["items"]
    assert (first["withheld"], first["category"]) == (True, "health")
    assert "body" not in first and "attachments" not in first
    assert (second["withheld"], second["body"]) == (False, "Gaat beter.")
    assert read.json()["withheld_categories"] == ["health"]
    assert "Slaap" not in read.text and "Slaapt" not in read.text
    # The read of a thread is one audit event.
    logged = (await audit_events(runtime))[events:]
    assert [(e["action"], e["outcome"]) for e in logged] == [
        ("coordination:message:list", "allowed")
    ]
    assert logged[0]["data_category"] == "case_notes"

    # The attachment goes with the message: withheld from the second partner, for the first
    # a download of exactly what was uploaded, audited as a read of its category.
    attachment_id = attached.json()["id"]
    path = f"/api/v1/files/{fid}/attachments/{attachment_id}"
    assert (await client.get(path, headers=net.headers[1])).status_code == 404
    events = len(await audit_events(runtime))
    got = await client.get(path, headers=net.headers[0])
    assert got.status_code == 200, got.text
    assert got.content == scan and got.headers["content-type"] == "application/pdf"
    [download] = (await audit_events(runtime))[events:]
    assert (download["action"], download["outcome"], download["data_category"]) == (
        "coordination:attachment:read",
        "allowed",
        "health",
    )
    # The first partner reads it all.
    mine = await client.get(f"/api/v1/files/{fid}/threads/{tid}/messages", headers=net.headers[0])
    assert [m["body"] for m in mine.json()["items"]] == ["Slaapt slecht.", "Gaat beter."]
    assert mine.json()["items"][0]["attachments"][0]["id"] == attachment_id
    # The second partner was told of the new messages, without any content.
    told = await client.get("/api/v1/notifications", headers=net.headers[1])
    assert "message_new" in {n["kind"] for n in told.json()["items"]}
    assert "Slaap" not in told.text


async def test_attachments_are_checked_by_their_content(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime)
    view = await _shared_file(client, runtime, net)
    fid = view["id"]
    # A text file named and declared a PDF is refused; nothing is stored.
    fake = await upload(client, net.headers[0], fid, b"Dit is geen PDF, alleen tekst.\n")
    assert fake.status_code == 422, fake.text
    assert fake.json()["type"] == "/problems/validation-failed"
    assert await count(runtime, MessageAttachment) == 0
    png = await upload(client, net.headers[0], fid, png_scan())
    assert png.status_code == 201 and png.json()["media_type"] == "image/png"
    # Another organisation's upload, or one already sent, cannot be named in a message.
    thread = await new_thread(
        client, net.headers[0], fid, about=[member_id(view, "parent")], subject="Verslag"
    )
    theirs = await write(
        client,
        net.headers[1],
        fid,
        thread["id"],
        body="Met bijlage.",
        attachments=[png.json()["id"]],
    )
    assert theirs.status_code == 422, theirs.text
    assert theirs.json()["errors"] == [
        {"field": "attachments[0]", "message": "names no attachment your organisation uploaded"}
    ]
    sent = await write(
        client, net.headers[0], fid, thread["id"], body="Bijlage.", attachments=[png.json()["id"]]
    )
    assert sent.status_code == 201, sent.text
    again = await write(
        client, net.headers[0], fid, thread["id"], body="Nog eens.", attachments=[png.json()["id"]]
    )
    assert again.status_code == 422


async def test_the_family_reads_and_answers_only_its_own_family_threads(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    fid, lead = view["id"], net.headers[0]
    parent_account = await create_account(runtime, Role.FAMILY)
    youth_account = await create_account(runtime, Role.FAMILY)
    await link_and_accept(client, runtime, lead, fid, member_id(view, "parent"), parent_account)
    await link_and_accept(client, runtime, lead, fid, member_id(view, "youth"), youth_account)
    parent_h = await auth_headers(runtime, parent_account)
    youth_h = await auth_headers(runtime, youth_account)
    ids = {role: member_id(view, role) for role in ("parent", "child", "youth")}
    doc = await upload(client, lead, fid, pdf_scan("Uitnodiging"))

    def family_thread(about: str, subject: str, **extra: Any) -> Any:
        return new_thread(
            client, lead, fid, audience="family", about=[ids[about]], subject=subject, **extra
        )

    to_parent = await family_thread(
        "parent", "Afspraak volgende week", attachments=[doc.json()["id"]]
    )
    about_child = await family_thread("child", "Schoolbezoek Mila")
    to_youth = await family_thread("youth", "Gesprek met Noah")
    between_partners = await new_thread(
        client, lead, fid, about=[ids["parent"]], subject="Intern overleg"
    )

    listed = await client.get("/api/v1/me/threads", headers=parent_h)
    assert listed.status_code == 200, listed.text
    assert [t["subject"] for t in listed.json()["items"]] == [
        "Afspraak volgende week",
        "Schoolbezoek Mila",
    ]
    youth_listed = await client.get("/api/v1/me/threads", headers=youth_h)
    assert [t["subject"] for t in youth_listed.json()["items"]] == ["Gesprek met Noah"]
    for hidden in (to_youth, between_partners):
        path = f"/api/v1/me/threads/{hidden['id']}/messages"
        assert (await client.get(path, headers=parent_h)).status_code == 404
        refused = await client.post(path, json={"body": "Hallo?"}, headers=parent_h)
        assert refused.status_code == 404
    assert "Intern overleg" not in listed.text

    path = f"/api/v1/me/threads/{to_parent['id']}/messages"
    read = await client.get(path, headers=parent_h)
    assert read.status_code == 200, read.text
    assert read.json()["thread"]["subject"] == "Afspraak volgende week"
    [first] = read.json()["items"]
    assert first["body"] == "Eerste bericht." and first["author"] == "partner"
    attachment = first["attachments"][0]["id"]
    got = await client.get(f"/api/v1/me/attachments/{attachment}", headers=parent_h)
    assert got.status_code == 200 and got.content == pdf_scan("Uitnodiging")
    assert (
        await client.get(f"/api/v1/me/attachments/{attachment}", headers=youth_h)
    ).status_code == 404
    # The parent was told there is a new message, without its content.
    notices = await client.get("/api/v1/me/notices", headers=parent_h)
    assert "message_new" in {n["kind"] for n in notices.json()["items"]}
    assert "Afspraak" not in notices.text

    answered = await client.post(path, json={"body": "Dinsdag past ons."}, headers=parent_h)
    assert answered.status_code == 201, answered.text
    staff_path = f"/api/v1/files/{fid}/threads/{to_parent['id']}/messages"
    staff = await client.get(staff_path, headers=lead)
    last = staff.json()["items"][-1]
    assert (last["author"], last["body"], last["category"]) == (
        "family",
        "Dinsdag past ons.",
        "case_notes",
    )
    told = await client.get("/api/v1/notifications", headers=lead)
    assert "message_new" in {n["kind"] for n in told.json()["items"]}
    # A message to the family cannot be about someone the thread does not concern.
    outside = await write(
        client, lead, fid, about_child["id"], about=[ids["youth"]], body="Over Noah."
    )
    assert outside.status_code == 422, outside.text

    # The family export takes exactly what the family reads here.
    exported = await in_unit_of_work(
        runtime,
        family_messages.messages_for_family_export,
        parent_account.principal(),
        uuid.UUID(fid),
    )
    assert [(t.thread.subject, len(t.messages)) for t in exported] == [
        ("Afspraak volgende week", 2),
        ("Schoolbezoek Mila", 1),
    ]
    assert exported[0].messages[-1].body == "Dinsdag past ons."

    # Once the file is closed it is read-only for the family, and closed to partners.
    closed = await client.post(f"/api/v1/files/{fid}/close", headers=lead)
    assert closed.status_code == 200, closed.text
    late = await client.post(path, json={"body": "Nog een vraag."}, headers=parent_h)
    assert late.status_code == 409 and late.json()["type"] == "/problems/file-closed"
    assert (await client.get(path, headers=parent_h)).status_code == 200
    gone = await client.get(f"/api/v1/files/{fid}/threads", headers=lead)
    assert gone.status_code == 404


async def test_a_thread_of_another_file_is_not_found(client: AsyncClient, runtime: Runtime) -> None:
    net = await make_network(runtime, size=1)
    first = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    second = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    thread = await new_thread(
        client, net.headers[0], first["id"], about=[member_id(first, "parent")], subject="Zaak"
    )
    wrong = f"/api/v1/files/{second['id']}/threads/{thread['id']}/messages"
    assert (await client.get(wrong, headers=net.headers[0])).status_code == 404
    missing = f"/api/v1/files/{first['id']}/threads/{uuid.uuid4()}/messages"
    answer = await client.post(missing, json={"body": "x"}, headers=net.headers[0])
    assert answer.status_code == 404
