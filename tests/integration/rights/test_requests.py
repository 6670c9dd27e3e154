"""Data-subject requests over HTTP on SQLite and PostgreSQL: the family files one, the DPO moves
it on within its deadline, the family sees where it stands; capacity, on-behalf filing, who
handles which kind, the queue's order and overdue marks."""

from __future__ import annotations

import functools
import operator
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient
from sqlalchemy import select, text

from tests.factories import auth_headers
from tests.factories.rights import file_request, request_file, step
from zorgafstemming.rights.models import SubjectRequest
from zorgafstemming.rights.rules import EXPORT_ANSWER_NOTES
from zorgafstemming.runtime import Runtime

# A Saturday, 10:00 Brussels time: the month runs from this day (no shift to Monday).
RECEIVED = datetime(2027, 1, 30, 9, 0, tzinfo=UTC)
DETAILS = "Ik wil inzage in het verslag van het huisbezoek van januari."


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """One request at a time: the test runs in one transaction, rolled back."""
    rolled_back.clock = lambda: RECEIVED
    return rolled_back


async def _notice_kinds(client: AsyncClient, headers: dict[str, str]) -> list[str]:
    page = (await client.get("/api/v1/me/notices", headers=headers)).json()
    return [n["kind"] for n in page["items"]]


async def test_a_parent_files_for_a_child_and_the_dpo_starts_extends_and_answers(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    filed = await file_request(client, f.headers["parent"], f.members["child"], details=DETAILS)
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert (body["kind"], body["status"], body["channel"]) == (
        "access",
        "received",
        "family_portal",
    )
    assert body["due_date"] == "2027-02-28" and body["overdue"] is False
    assert body["details"] == DETAILS
    request_id = body["id"]
    # The details are stored encrypted: their words are nowhere in the raw column.
    async with runtime.unit_of_work() as uow:
        raw = await uow.session.scalar(
            select(SubjectRequest.details_enc).where(SubjectRequest.id == uuid.UUID(request_id))
        )
    assert raw is not None and b"huisbezoek" not in bytes(raw)

    dpo = f.headers["dpo"]
    assert (await step(client, dpo, request_id, "start")).json()["status"] == "in_progress"
    no_reason = await step(client, dpo, request_id, "extend")
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    extended = await step(client, dpo, request_id, "extend", "Veel dossiers op te zoeken.")
    assert extended.status_code == 200, extended.text
    assert extended.json()["status"] == "extended"
    assert extended.json()["due_date"] == "2027-04-28" and extended.json()["extended"] is True
    again = await step(client, dpo, request_id, "extend", "Nog meer tijd nodig.")
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    # An access request is answered by the family's export, with its fixed note.
    answered = await step(client, dpo, request_id, "answer")
    assert answered.status_code == 200, answered.text
    done = answered.json()
    assert done["status"] == "answered" and done["closed_at"] is not None
    assert [s["step"] for s in done["steps"]] == ["receive", "start", "extend", "answer"]
    assert done["steps"][2]["reason"] == "Veel dossiers op te zoeken."
    assert done["steps"][3]["reason"] == EXPORT_ANSWER_NOTES["access"]
    assert (await step(client, dpo, request_id, "start")).status_code == 409

    # The family sees where it stands (the details they wrote), and was told of every step
    # without any content.
    mine = (await client.get("/api/v1/me/requests", headers=f.headers["parent"])).json()
    assert [(r["id"], r["status"], r["details"]) for r in mine["items"]] == [
        (request_id, "answered", DETAILS)
    ]
    kinds = await _notice_kinds(client, f.headers["parent"])
    for kind in ("request_received", "request_started", "request_extended", "request_answered"):
        assert kind in kinds
    # The youth is not told about a request about the child, and does not see it.
    assert "request_received" not in await _notice_kinds(client, f.headers["youth"])
    theirs = (await client.get("/api/v1/me/requests", headers=f.headers["youth"])).json()
    assert theirs["items"] == []


async def test_a_refusal_needs_a_reason_and_the_lead_handles_an_objection_not_an_erasure(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    youth = f.headers["youth"]
    objection = (await file_request(client, youth, f.members["youth"], kind="objection")).json()
    erasure = (await file_request(client, youth, f.members["youth"], kind="erasure")).json()
    # The lead organisation hears of the objection it handles (not of the erasure), and the
    # partner hears of neither.
    for who, expected in (("lead", ["request_for_lead"]), ("partner", [])):
        notes = (await client.get("/api/v1/notifications", headers=f.headers[who])).json()
        assert [n["kind"] for n in notes["items"] if n["kind"].startswith("request")] == expected
    # The lead's assigned worker handles the objection; the partner does not, and nobody but
    # the DPO touches the erasure (404, exactly like a request that does not exist).
    seen = await client.get(f"/api/v1/rights/requests/{objection['id']}", headers=f.headers["lead"])
    assert seen.status_code == 200 and seen.json()["details"] is not None
    for who, request_id in (("partner", objection["id"]), ("lead", erasure["id"])):
        refused = await step(client, f.headers[who], request_id, "start")
        assert refused.status_code == 404, (who, refused.text)
    missing = await step(client, f.headers["lead"], "0192f000-0000-7000-8000-000000000000", "start")
    foreign = await step(client, f.headers["lead"], erasure["id"], "start")
    assert {**missing.json(), "request_id": None} == {**foreign.json(), "request_id": None}
    assert (await step(client, f.headers["lead"], objection["id"], "refuse")).status_code == 422
    refused = await step(
        client,
        f.headers["lead"],
        objection["id"],
        "refuse",
        "Het belang van het kind weegt zwaarder.",
    )
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert (await step(client, f.headers["dpo"], objection["id"], "answer", "x")).status_code == 409
    assert "request_refused" in await _notice_kinds(client, youth)
    mine = (await client.get("/api/v1/me/requests", headers=youth)).json()
    assert {(r["kind"], r["status"]) for r in mine["items"]} == {
        ("objection", "refused"),
        ("erasure", "received"),
    }


async def test_a_parent_cannot_file_for_a_youth_of_twelve_or_another_family(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    for headers, member in (
        (f.headers["parent"], f.members["youth"]),  # 13: files for themselves
        (f.headers["youth"], f.members["child"]),  # a youth does not represent a sibling
        (f.headers["youth"], "0192f000-0000-7000-8000-000000000000"),
    ):
        refused = await file_request(client, headers, member)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["member_id"]
    # Only an erasure or a restriction asks for the whole file; nothing else can, on any route.
    for kind in ("access", "rectification", "objection", "portability"):
        for headers, file_id in ((f.headers["parent"], None), (f.headers["partner"], f.file_id)):
            whole = await file_request(
                client, headers, f.members["parent"], kind=kind, scope="file", file_id=file_id
            )
            assert whole.status_code == 422, whole.text
            assert [e["field"] for e in whole.json()["errors"]] == ["scope"]
    # Staff cannot use the family route, nor the family the DPO's queue.
    assert (await file_request(client, f.headers["lead"], f.members["parent"])).status_code == 403
    assert (
        await client.get("/api/v1/rights/requests", headers=f.headers["parent"])
    ).status_code == 403
    async with runtime.unit_of_work() as uow:
        count = await uow.session.scalar(text("SELECT count(*) FROM subject_requests"))
    assert count == 0


async def test_a_partner_files_on_behalf_under_consent_and_it_is_recorded_so(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    filed = await file_request(
        client, f.headers["partner"], f.members["parent"], kind="rectification", file_id=f.file_id
    )
    assert filed.status_code == 201, filed.text
    body = filed.json()
    assert body["channel"] == "on_behalf"
    assert body["filed_by_organisation_id"] == str(f.orgs[1])
    # An organisation that takes no part in the file sees nothing of it.
    outsider = await file_request(
        client, f.headers["outsider"], f.members["parent"], file_id=f.file_id
    )
    assert outsider.status_code == 404
    # The parent sees it (filed for them), without the worker's words.
    mine = (await client.get("/api/v1/me/requests", headers=f.headers["parent"])).json()
    assert [(r["channel"], r["details"]) for r in mine["items"]] == [("on_behalf", None)]
    detail = (
        await client.get(f"/api/v1/rights/requests/{body['id']}", headers=f.headers["dpo"])
    ).json()
    assert detail["steps"][0]["actor_role"] == "social_worker"
    assert detail["steps"][0]["organisation_id"] == str(f.orgs[1])


async def test_the_queue_puts_the_nearest_deadline_first_and_marks_the_overdue(
    client: AsyncClient, runtime: Runtime
) -> None:
    f = await request_file(client, runtime)
    made = []
    for days, kind in ((10, "erasure"), (0, "access"), (20, "portability")):
        runtime.clock = functools.partial(operator.add, RECEIVED, timedelta(days=days))
        youth = await auth_headers(runtime, f.youth)  # tokens idle out across a jump
        filed = await file_request(client, youth, f.members["youth"], kind=kind)
        assert filed.status_code == 201, filed.text
        made.append(filed.json())
    dpo = await auth_headers(runtime, f.dpo)
    answered = await step(client, dpo, made[2]["id"], "answer")
    assert answered.status_code == 200
    # The access request (received 30 January) is due at the end of 28 February.
    runtime.clock = lambda: datetime(2027, 2, 28, 22, 59, 59, tzinfo=UTC)
    dpo = await auth_headers(runtime, f.dpo)
    queue = (await client.get("/api/v1/rights/requests", headers=dpo)).json()
    assert [(r["kind"], r["overdue"]) for r in queue["items"]] == [
        ("access", False),
        ("erasure", False),
    ]
    runtime.clock = lambda: datetime(2027, 2, 28, 23, 0, tzinfo=UTC)  # Brussels midnight
    queue = (
        await client.get("/api/v1/rights/requests", params={"status": "all"}, headers=dpo)
    ).json()
    assert [(r["kind"], r["overdue"]) for r in queue["items"]] == [
        ("access", True),
        ("erasure", False),
        ("portability", False),  # answered: never overdue
    ]
    assert all(r["details"] is None for r in queue["items"])  # no content in the queue
