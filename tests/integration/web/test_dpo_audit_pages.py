"""The DPO's audit page (SQLite and PostgreSQL): one row per visit in Dutch, newest first, paged
through every match without splitting a visit, filtered by period, organisation, account, file
reference and kind; bad filters are refused in Dutch next to their field."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from httpx import AsyncClient, Response

from tests.factories import create_account
from tests.factories.coordination import make_network
from tests.factories.web_forms import sign_in_as
from zorgafstemming.audit.references import file_reference, short_reference
from zorgafstemming.audit.service import AuditContext, audit_ref, record
from zorgafstemming.audit.visits import VisitFilter, list_visits
from zorgafstemming.authz.actions import Action
from zorgafstemming.authz.engine import Decision
from zorgafstemming.identity.principal import Role
from zorgafstemming.paging import decode_cursor
from zorgafstemming.runtime import Runtime

_ROW = re.compile(r"<tr[ >].*?</tr>", re.S)
_BASE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


def _rows(page: Response) -> list[str]:
    body = page.text.split('class="stack audit-visits"', 1)
    if len(body) != 2:
        return []
    return _ROW.findall(body[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0])


async def _visit(
    runtime: Runtime,
    at: datetime,
    *,
    file_id: uuid.UUID | None,
    org_id: uuid.UUID | None = None,
    actor_id: uuid.UUID | None = None,
    actions: tuple[Action, ...] = (Action.COORDINATION_FILE_READ, Action.COORDINATION_ENTRY_LIST),
    outcome: Any = "allowed",
    policy: str = "participant-with-consent",
) -> str:
    """One request of a worker: its events at ``at`` (a file read and its entry list)."""
    request_id = uuid.uuid4().hex
    ctx = AuditContext(
        actor_id=actor_id or uuid.uuid4(),
        actor_org_id=org_id,
        actor_role="social_worker",
        request_id=request_id,
    )
    saved = runtime.clock
    runtime.clock = lambda: at
    try:
        async with runtime.unit_of_work() as uow:
            for action in actions:
                await record(
                    uow,
                    ctx,
                    action,
                    outcome,
                    decision=Decision(allowed=outcome == "allowed", policy_id=policy),
                    object_type="coordination_file",
                    object_id=file_id,
                    file_id=file_id,
                    categories=["case_notes", "care_plan"]
                    if action == Action.COORDINATION_ENTRY_LIST
                    else [],
                )
    finally:
        runtime.clock = saved
    return request_id


async def test_one_row_per_visit_in_dutch_newest_first(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    file_id = uuid.uuid4()
    await _visit(runtime, _BASE, file_id=file_id)
    await _visit(runtime, _BASE + timedelta(minutes=5), file_id=file_id)
    await sign_in_as(client, runtime, dpo)
    short = file_reference(runtime.secrets.audit_key, file_id)

    page = await client.get(f"/fg/audit?dossier={short.lower()}")

    assert page.status_code == 200, page.text
    rows = _rows(page)
    assert len(rows) == 2  # two visits, not four events
    newest, oldest = rows
    for row in rows:
        assert "Dossier bekeken" in row
        assert "Verslagen en afspraken bekeken" in row
        assert "(Hulpplan, Verslagen)" in row
        assert "Partner met geldige toestemming" in row
        assert short in row
        assert "coordination:" not in row and "participant-with-consent" not in row
    assert "10:05" in newest and "10:00" in oldest  # Brussels time, newest first


async def test_paging_goes_through_every_visit_without_splitting_one(
    client: AsyncClient, runtime: Runtime
) -> None:
    key = runtime.secrets.audit_key
    file_id = uuid.uuid4()
    made = [await _visit(runtime, _BASE + timedelta(seconds=i), file_id=file_id) for i in range(7)]
    flt = VisitFilter(file_ref=audit_ref(key, "file", file_id))
    seen: list[str] = []
    after = None
    async with runtime.unit_of_work() as uow:
        for _ in range(10):
            visits, cursor = await list_visits(uow.session, flt, limit=3, after=after)
            assert all(len(v.events) == 2 for v in visits)  # a visit is never split
            seen += [v.head.request_id or "" for v in visits]
            if cursor is None:
                break
            after = decode_cursor(cursor)
    assert seen == list(reversed(made))  # every visit once, newest first


async def test_the_page_pages_on_with_volgende_and_keeps_the_filter(
    client: AsyncClient, runtime: Runtime
) -> None:
    from zorgafstemming.web import dpo_audit_pages

    dpo = await create_account(runtime, Role.DPO)
    file_id = uuid.uuid4()
    count = dpo_audit_pages.PAGE_SIZE + 3
    for i in range(count):
        await _visit(
            runtime,
            _BASE + timedelta(seconds=i),
            file_id=file_id,
            actions=(Action.COORDINATION_FILE_READ,),
        )
    short = file_reference(runtime.secrets.audit_key, file_id)
    await sign_in_as(client, runtime, dpo)

    first = await client.get(f"/fg/audit?dossier={short}")
    assert len(_rows(first)) == dpo_audit_pages.PAGE_SIZE
    link = re.search(r'<a href="([^"]+)" rel="next">Volgende</a>', first.text)
    assert link is not None
    assert f"dossier={short}" in link.group(1)
    second = await client.get(link.group(1).replace("&amp;", "&"))
    assert second.status_code == 200
    assert len(_rows(second)) == 3
    assert 'rel="next"' not in second.text
    assert "Terug naar de nieuwste" in second.text


async def test_filters_by_period_organisation_account_and_kind(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=2)
    dpo = await create_account(runtime, Role.DPO)
    file_id = uuid.uuid4()
    worker = uuid.uuid4()
    await _visit(runtime, _BASE, file_id=file_id, org_id=net.orgs[0], actor_id=worker)
    await _visit(runtime, _BASE + timedelta(days=3), file_id=file_id, org_id=net.orgs[1])
    await _visit(
        runtime,
        _BASE + timedelta(days=3, hours=1),
        file_id=file_id,
        org_id=net.orgs[1],
        actions=(Action.COORDINATION_FILE_READ,),
        outcome="denied",
        policy="default-deny",
    )
    await _visit(
        runtime,
        _BASE + timedelta(days=4),
        file_id=file_id,
        org_id=net.orgs[1],
        actions=(Action.COORDINATION_ENTRY_CREATE,),
    )
    short = file_reference(runtime.secrets.audit_key, file_id)
    await sign_in_as(client, runtime, dpo)
    base = f"/fg/audit?dossier={short}"

    assert len(_rows(await client.get(base))) == 4
    period = _rows(await client.get(base + "&van=2026-03-02&tot=2026-03-02"))
    assert len(period) == 1
    by_org = _rows(await client.get(base + f"&organisatie={net.orgs[0]}"))
    assert len(by_org) == 1
    account = audit_ref(runtime.secrets.audit_key, "account", worker)
    assert len(_rows(await client.get(f"/fg/audit?account={account}"))) == 1
    assert len(_rows(await client.get(f"/fg/audit?account={short_reference(account)}"))) == 1
    denied = _rows(await client.get(base + "&groep=denied"))
    assert len(denied) == 1 and "Geweigerd" in denied[0]
    changes = _rows(await client.get(base + "&groep=change"))
    assert len(changes) == 1 and "Verslag of afspraak toegevoegd" in changes[0]
    assert len(_rows(await client.get(base + "&groep=read"))) == 3
    assert _rows(await client.get(base + "&groep=emergency")) == []


async def test_a_row_links_to_the_file_and_account_views(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    file_id, worker = uuid.uuid4(), uuid.uuid4()
    await _visit(runtime, _BASE, file_id=file_id, actor_id=worker)
    await sign_in_as(client, runtime, dpo)
    short = file_reference(runtime.secrets.audit_key, file_id)
    account = audit_ref(runtime.secrets.audit_key, "account", worker)

    (row,) = _rows(await client.get(f"/fg/audit?account={account}"))
    assert f'href="/fg/audit?dossier={short}"' in row
    assert f'href="/fg/audit?account={account}"' in row


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("dossier=niet-een-referentie", "dossier", "8 tekens"),
        ("account=xyz", "account", "accountreferentie"),
        ("van=2026-13-45", "van", "tussen 1900 en 2200"),
        ("groep=alles", "groep", "Kies een soort"),
        ("organisatie=0190f0e1-0000-7000-8000-000000000000", "organisatie", "Kies een organisatie"),
    ],
)
async def test_bad_filters_are_refused_in_dutch_next_to_the_field(
    client: AsyncClient, runtime: Runtime, query: str, field: str, message: str
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    page = await client.get(f"/fg/audit?{query}")
    assert page.status_code == 422
    error = re.search(rf'id="f-{field}-error">(.*?)</p>', page.text, re.S)
    assert error is not None and message in error.group(1)


async def test_a_cursor_it_did_not_make_starts_at_the_newest(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    page = await client.get("/fg/audit?na=bm9uc2Vuc2U")
    assert page.status_code == 200


async def test_interleaved_requests_page_as_whole_visits_in_order_of_their_newest_event(
    client: AsyncClient, runtime: Runtime
) -> None:
    # Two workers' requests overlap in time: a1 b1 a2 b2 (oldest first). Each is one visit,
    # placed by its newest event; with one visit per page neither is split nor repeated.
    key = runtime.secrets.audit_key
    file_id = uuid.uuid4()
    ctxs = {
        name: AuditContext(
            actor_id=uuid.uuid4(), actor_role="social_worker", request_id=uuid.uuid4().hex
        )
        for name in "ab"
    }
    saved = runtime.clock
    try:
        for i, (name, action) in enumerate(
            [
                ("a", Action.COORDINATION_FILE_READ),
                ("b", Action.COORDINATION_FILE_READ),
                ("a", Action.COORDINATION_ENTRY_LIST),
                ("b", Action.COORDINATION_ENTRY_LIST),
            ]
        ):
            at = _BASE + timedelta(milliseconds=i)
            runtime.clock = lambda at=at: at  # type: ignore[misc]
            async with runtime.unit_of_work() as uow:
                await record(uow, ctxs[name], action, "allowed", file_id=file_id)
    finally:
        runtime.clock = saved
    flt = VisitFilter(file_ref=audit_ref(key, "file", file_id))
    pages = []
    after = None
    async with runtime.unit_of_work() as uow:
        while True:
            visits, cursor = await list_visits(uow.session, flt, limit=1, after=after)
            pages.append([(v.head.request_id, len(v.events)) for v in visits])
            if cursor is None:
                break
            after = decode_cursor(cursor)
    assert pages == [[(ctxs["b"].request_id, 2)], [(ctxs["a"].request_id, 2)]]


async def test_a_visit_keeps_only_the_parts_that_match_the_filter(
    client: AsyncClient, runtime: Runtime
) -> None:
    # A request that read the file and was refused another part: "denied" shows the refusal.
    key = runtime.secrets.audit_key
    file_id = uuid.uuid4()
    ctx = AuditContext(actor_id=uuid.uuid4(), actor_role="social_worker", request_id="r-mixed")
    async with runtime.unit_of_work() as uow:
        await record(uow, ctx, Action.COORDINATION_FILE_READ, "allowed", file_id=file_id)
        await record(uow, ctx, Action.COORDINATION_ENTRY_LIST, "denied", file_id=file_id)
    file_ref = audit_ref(key, "file", file_id)
    async with runtime.unit_of_work() as uow:
        (whole,), _ = await list_visits(uow.session, VisitFilter(file_ref=file_ref), limit=5)
        (denied,), _ = await list_visits(
            uow.session, VisitFilter(file_ref=file_ref, group="denied"), limit=5
        )
    assert len(whole.events) == 2
    assert [e.action for e in denied.events] == [Action.COORDINATION_ENTRY_LIST.value]
