"""One paging style for every list: ``limit`` and an opaque ``after`` cursor, answering
``{items, next}``. Paging through each list of the demo network, one or two at a time, hands
out every item exactly once and in the same order as one large page; a cursor the service did
not make is a 422 naming ``after``.

To add a list: add a :class:`PagedList` to ``LISTS`` (the route test below fails until then).
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import msgspec
import pytest
from httpx import AsyncClient
from litestar.handlers import HTTPRouteHandler

from tests.factories import auth_headers, demo_account, login
from tests.factories.access_review import seed_reviews_for_paging
from tests.factories.coordination import add_partner, file_body, member_id, open_file
from tests.factories.emergency import ask
from tests.factories.restrictions import restrict, seed_objections
from tests.factories.retention import seed_due_and_not_due
from zorgafstemming.app import create_app
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.demo import seed_demo
from zorgafstemming.identity.principal import Role
from zorgafstemming.paging import PAGE_MAX, encode_cursor, encode_id_cursor, encode_key
from zorgafstemming.runtime import Runtime


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """These tests make one request at a time: they run in one transaction, rolled back."""
    return rolled_back


@dataclass
class Demo:
    """The seeded demo network: headers per caller and the ids the list paths name."""

    headers: dict[str, dict[str, str]]
    ids: dict[str, str]


def _whole(item: dict[str, Any]) -> str:
    # Items without an id of their own (security events, access log rows) are told apart by
    # everything they show; two equal rows would both have to come back, in order.
    return msgspec.json.encode(item).decode()


@dataclass(frozen=True)
class PagedList:
    """One list operation, who may call it, and how its cursor is keyed."""

    path: str  # may name {file_id}, the demo family's file
    caller: str  # admin, dpo, worker (CAW, the lead), partner (OCMW), receiver (Kind en Gezin,
    # referred to) or family
    key: str  # "id" (ordered by id), "time" (by time, id) or "due" (the retention schedule)
    params: Callable[[Demo], dict[str, str]] = field(default=lambda demo: {})
    identity: Callable[[dict[str, Any]], str] = field(default=lambda item: str(item["id"]))

    def __str__(self) -> str:
        return self.path


LISTS = [
    PagedList("/api/v1/organisations", "admin", "id"),
    PagedList("/api/v1/users", "admin", "id"),
    PagedList("/api/v1/account-changes", "admin", "time"),
    PagedList("/api/v1/mail", "admin", "time"),
    # Reading the trail adds to it: page through one worker's events, which stay put.
    PagedList(
        "/api/v1/audit/events", "dpo", "time", params=lambda demo: {"actor_ref": demo.ids["ref"]}
    ),
    PagedList(
        "/api/v1/retention/due",
        "dpo",
        "due",
        identity=lambda item: f"{item['file_id']} {item['action']}",
    ),
    PagedList("/api/v1/consent-reviews", "dpo", "time", identity=lambda i: i["consent_id"]),
    PagedList("/api/v1/emergency-grants", "dpo", "time"),
    PagedList("/api/v1/files", "worker", "id"),
    PagedList("/api/v1/files/{file_id}/entries", "worker", "id"),
    PagedList("/api/v1/notifications", "partner", "time"),
    PagedList("/api/v1/me/files", "family", "id"),
    PagedList("/api/v1/me/links", "family", "time"),
    PagedList("/api/v1/me/notices", "family", "time"),
    PagedList("/api/v1/me/security", "family", "time", identity=_whole),
    PagedList("/api/v1/me/files/{file_id}/access-log", "family", "time", identity=_whole),
    PagedList("/api/v1/me/files/{file_id}/corrections", "family", "time"),
    PagedList("/api/v1/referrals", "receiver", "time"),
    PagedList("/api/v1/files/{file_id}/referrals", "worker", "time"),
    PagedList("/api/v1/files/{file_id}/meetings", "worker", "time"),
    PagedList("/api/v1/access-attestations", "worker", "time"),
    PagedList("/api/v1/access-reviews", "dpo", "time"),
    PagedList("/api/v1/access-reviews/samples", "dpo", "time"),
    PagedList(
        "/api/v1/access-reviews/signals",
        "dpo",
        "due",
        params=lambda demo: {"month": "2026-10"},
        identity=lambda item: f"{item['rule']} {item['actor_ref']}",
    ),
    PagedList("/api/v1/duplicate-checks", "dpo", "time"),
    PagedList("/api/v1/me/requests", "family", "time"),
    PagedList("/api/v1/rights/requests", "dpo", "time", params=lambda demo: {"status": "all"}),
    PagedList("/api/v1/restrictions", "dpo", "time"),
    PagedList("/api/v1/objections", "dpo", "time"),
    PagedList("/api/v1/files/{file_id}/objections", "worker", "time"),
    PagedList("/api/v1/files/{file_id}/plan/events", "worker", "id"),
    PagedList(
        "/api/v1/me/tasks", "worker", "due", identity=lambda i: f"{i['kind']} {i['object_id']}"
    ),
    PagedList("/api/v1/files/{file_id}/threads", "worker", "id"),
    PagedList("/api/v1/files/{file_id}/threads/{thread_id}/messages", "worker", "id"),
    PagedList("/api/v1/me/threads", "family", "id"),
    PagedList("/api/v1/me/threads/{thread_id}/messages", "family", "id"),
]


async def _demo(client: AsyncClient, runtime: Runtime) -> Demo:
    """The demo network, with more of what it holds little of: account requests, mails,
    sign-ins and files due for purge or review."""
    report = await seed_demo(runtime)
    people = [demo_account(a) for a in report.accounts]
    admin = next(a for a in people if a.role is Role.ADMIN)
    dpo = next(a for a in people if a.role is Role.DPO)
    family = next(a for a in people if a.role is Role.FAMILY)
    by_org = {a["organisation"]: demo_account(a) for a in report.accounts if a["organisation"]}
    worker, partner = by_org["caw-de-kempen"], by_org["ocmw-zoersel"]
    assert worker.organisation_id is not None and partner.organisation_id is not None
    headers = {
        "admin": await auth_headers(runtime, admin),
        "dpo": await auth_headers(runtime, dpo),
        "worker": await auth_headers(runtime, worker),
        "partner": await auth_headers(runtime, partner),
    }
    for n, role in enumerate(["admin", "dpo", "social_worker", "social_worker"]):
        # An administrator's or DPO's account waits for approval; a worker's is mailed at once.
        body: dict[str, Any] = {"role": role, "email": f"collega{n}@example.org"}
        if role == "social_worker":
            body["organisation_id"] = str(worker.organisation_id)
        asked = await client.post("/api/v1/users", json=body, headers=headers["admin"])
        assert asked.status_code in (201, 202), asked.text
    for steps in range(2):
        await login(client, runtime, family, steps_ahead=steps)
    opened, views = [], []
    for _ in range(2):
        # Another file for the worker, with the partner (who is told), whose lead asks the
        # family account to link to it.
        recipients = [worker.organisation_id, partner.organisation_id]
        view = await open_file(client, headers["worker"], file_body(runtime.clock(), recipients))
        opened.append(view["id"])
        views.append(view)
        await add_partner(client, headers["worker"], view["id"], partner.organisation_id)
        asked = await client.post(
            f"/api/v1/files/{view['id']}/members/{member_id(view, 'parent')}/invitation",
            json={"existing_account_id": str(family.id)},
            headers=headers["worker"],
        )
        assert asked.status_code == 201, asked.text
        # The partner's worker asks for emergency access to it (the DPO's queue).
        granted = await ask(client, runtime, headers["partner"], view["id"], ground="court_order")
        assert granted.status_code == 201, granted.text
    for n in range(3):  # duplicate checks before opening a file, for the DPO's list
        checked = await client.post(
            "/api/v1/files/duplicate-check",
            json={"insz": "85031212362", "reason": f"Aanmelding {n}"},
            headers=headers["partner"],
        )
        assert checked.status_code == 200, checked.text
    headers["family"] = await auth_headers(runtime, family)
    await seed_due_and_not_due(runtime, 2, 2)
    await seed_reviews_for_paging(runtime, (worker, partner))
    [mine] = (await client.get("/api/v1/me/files", headers=headers["family"])).json()["items"]
    # Corrections of the family member's own phone number, for the family's correction history.
    me = (await client.get(f"/api/v1/me/files/{mine['id']}", headers=headers["family"])).json()
    target = me["members"][0]["id"]
    for n in range(3):
        fixed = await client.post(
            f"/api/v1/files/{mine['id']}/members/{target}/corrections",
            json={"reason": "typo", "phone": f"0470 12 34 5{n}"},
            headers=headers["worker"],
        )
        assert fixed.status_code == 201, fixed.text
    for kind in ("access", "rectification", "objection"):  # the family's requests, the DPO's queue
        filed = await client.post(
            "/api/v1/me/requests",
            json={"kind": kind, "member_id": target, "details": "Graag een antwoord."},
            headers=headers["family"],
        )
        assert filed.status_code == 201, filed.text
    await _refer_around(client, runtime, headers, by_org, [mine["id"], *opened])
    # Restrictions (the DPO's list): a whole file, and two members of another; objections on
    # the demo family's file (the DPO's queue, the lead's list).
    await restrict(runtime, opened[0])
    for role in ("parent", "child"):
        await restrict(runtime, opened[1], member_id(views[1], role))
    await seed_objections(runtime, mine["id"], 3)
    await _plan_meetings(client, runtime, headers["worker"], mine["id"])
    ref = audit_ref(runtime.secrets.audit_key, "account", worker.id)
    # The demo family's first thread, the one with most messages.
    threads = await client.get("/api/v1/me/threads", headers=headers["family"])
    thread = threads.json()["items"][0]["id"]
    return Demo(headers, {"file_id": mine["id"], "ref": ref, "thread_id": thread})


async def _refer_around(
    client: AsyncClient,
    runtime: Runtime,
    headers: dict[str, dict[str, str]],
    by_org: dict[str, Any],
    files: list[str],
) -> None:
    """Referrals: each file to Kind en Gezin (whose worker is the ``receiver``), and the demo
    family's file to two more organisations."""
    from tests.factories.referrals import refer

    receiver = by_org["kind-en-gezin-brecht"]
    headers["receiver"] = await auth_headers(runtime, receiver)
    listed = await client.get(
        "/api/v1/organisations", params={"limit": PAGE_MAX}, headers=headers["admin"]
    )
    org = {o["slug"]: uuid.UUID(o["id"]) for o in listed.json()["items"]}
    targets = [(f, org["kind-en-gezin-brecht"]) for f in files] + [
        (files[0], org["vclb-voorkempen"]),
        (files[0], org["huis-van-het-kind-wijnegem"]),
    ]
    for file_id, to in targets:
        sent = await refer(client, headers["worker"], file_id, to)
        assert sent.status_code == 201, sent.text


async def _plan_meetings(
    client: AsyncClient, runtime: Runtime, headers: dict[str, str], file_id: str
) -> None:
    """Case meetings of the demo family's file, two of them at the same hour (the cursor's id
    breaks the tie)."""
    from tests.factories.meetings import meeting_body, plan

    today = runtime.clock().date()
    for days, start in ((3, "10:00"), (10, "14:00"), (10, "14:00"), (-5, "09:00")):
        day = date.fromordinal(today.toordinal() + days)
        planned = await plan(client, headers, file_id, meeting_body(day, start=start, end="16:00"))
        assert planned.status_code == 201, planned.text


async def _get(client: AsyncClient, paged: PagedList, demo: Demo, **params: Any) -> dict[str, Any]:
    response = await client.get(
        paged.path.format(**demo.ids),
        params={**paged.params(demo), **params},
        headers=demo.headers[paged.caller],
    )
    assert response.status_code == 200, (paged.path, response.text)
    body: dict[str, Any] = response.json()
    return body


def _foreign_cursor(key: str) -> str:
    """A well-formed cursor of another kind of list than one keyed by ``key``."""
    if key == "id":
        return encode_cursor(datetime.now(UTC), uuid.uuid4())
    return encode_id_cursor(uuid.uuid4())


async def test_paging_hands_out_every_item_once_and_refuses_made_up_cursors(
    client: AsyncClient, runtime: Runtime, subtests: pytest.Subtests
) -> None:
    """Every list, on one seeded network (seeding it is most of the time): each list is a
    subtest of its own, so one list's failure names it and the others still run."""
    demo = await _demo(client, runtime)
    for paged in LISTS:
        with subtests.test(msg=str(paged)):
            await _pages_alike(client, paged, demo)


async def _pages_alike(client: AsyncClient, paged: PagedList, demo: Demo) -> None:
    whole = await _get(client, paged, demo, limit=PAGE_MAX)
    assert set(whole) >= {"items", "next"} and whole["next"] is None
    everything = [paged.identity(item) for item in whole["items"]]
    assert everything, f"{paged.path}: the demo network should hold something to page through"
    assert len(set(everything)) == len(everything)
    for limit in (1, 2):
        seen: list[str] = []
        after: str | None = None
        for _ in range(len(everything) + 1):
            page = await _get(
                client, paged, demo, limit=limit, **({"after": after} if after else {})
            )
            assert len(page["items"]) <= limit
            seen += [paged.identity(item) for item in page["items"]]
            after = page["next"]
            if after is None:
                break
            assert str(datetime.now(UTC).year) not in after  # opaque: no readable time
        assert after is None, f"{paged.path}: paging does not end"
        assert seen == everything, f"{paged.path} by {limit}: not each item once, in order"
    # A cursor the service did not make, or one of another kind of list, is refused.
    made_up = ["not-a-cursor", "🙂", encode_key("a", "b", "c", "d"), _foreign_cursor(paged.key)]
    for cursor in made_up:
        response = await client.get(
            paged.path.format(**demo.ids),
            params={**paged.params(demo), "after": cursor},
            headers=demo.headers[paged.caller],
        )
        assert response.status_code == 422, (paged.path, cursor, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == ["after"], response.text


def _page_type(handler: HTTPRouteHandler) -> Any:
    return handler.parsed_fn_signature.return_type.annotation


def test_every_list_of_the_api_pages_alike_and_is_tested_here(rolled_back: Runtime) -> None:
    app = create_app(rolled_back.settings, runtime=rolled_back)
    tested = {
        paged.path.replace("{file_id}", "{file_id:uuid}").replace("{thread_id}", "{thread_id:uuid}")
        for paged in LISTS
    }
    lists: set[str] = set()
    for route in app.routes:
        if not route.path.startswith("/api/"):
            continue
        for handler in getattr(route, "route_handlers", []):
            if not isinstance(handler, HTTPRouteHandler) or "GET" not in handler.http_methods:
                continue
            answer = _page_type(handler)
            assert typing.get_origin(answer) is not list, f"{route.path} answers a plain array"
            if not (isinstance(answer, type) and answer.__name__.endswith("Page")):
                continue
            lists.add(route.path)
            assert issubclass(answer, msgspec.Struct), route.path
            fields = set(answer.__struct_fields__)
            assert {"items", "next"} <= fields, route.path
            params = set(handler.parsed_fn_signature.parameters)
            assert {"limit", "after"} <= params, route.path
    assert lists == tested
