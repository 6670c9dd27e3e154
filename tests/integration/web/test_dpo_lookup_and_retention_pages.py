"""The DPO's person lookup on the audit page and the retention page (SQLite and PostgreSQL):
a lookup gives the person's files and accounts as filters and is audited with its reason; the
retention rules read as plain Dutch with the files each rule names."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from tests.factories import create_account
from tests.factories.coordination import VALID_INSZ, file_body, make_network, open_file
from tests.factories.web_forms import sign_in_as
from zorgafstemming.audit.models import AuditEvent, AuditResolution
from zorgafstemming.audit.references import file_reference
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')
_ROW = re.compile(r"<tr[ >].*?</tr>", re.S)


@pytest.fixture
def runtime(rolled_back: Runtime) -> Runtime:
    """Every test runs inside a rolled-back transaction."""
    return rolled_back


async def _lookup(client: AsyncClient, data: dict[str, str]) -> Response:
    shown = await client.get("/fg/audit")
    match = _TOKEN.search(shown.text)
    assert match is not None
    return await client.post(
        "/fg/audit/persoon", data={"_csrf_token": match.group(1), **data}, follow_redirects=False
    )


async def _lookups(runtime: Runtime) -> tuple[int, int]:
    async with runtime.unit_of_work() as uow:
        events = await uow.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == Action.AUDIT_REF_RESOLVE.value)
        )
        kept = await uow.session.scalar(select(func.count()).select_from(AuditResolution))
    return int(events or 0), int(kept or 0)


async def test_person_lookup_gives_the_files_and_accounts_and_is_audited(
    client: AsyncClient, runtime: Runtime
) -> None:
    net = await make_network(runtime, size=1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    file_id = uuid.UUID(view["id"])
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    before = await _lookups(runtime)

    found = await _lookup(client, {"waarde": VALID_INSZ, "reden": "vraag van het gezin"})

    assert found.status_code == 200, found.text
    short = file_reference(runtime.secrets.audit_key, file_id)
    assert f'href="/fg/audit?dossier={short}"' in found.text
    assert VALID_INSZ not in found.text  # the number is not shown back
    assert await _lookups(runtime) == (before[0] + 1, before[1] + 1)

    worker = net.workers[0]
    assert worker.email is not None
    by_mail = await _lookup(client, {"waarde": worker.email.upper(), "reden": "klacht over"})
    account = audit_ref(runtime.secrets.audit_key, "account", worker.id)
    assert f'href="/fg/audit?account={account}"' in by_mail.text
    assert await _lookups(runtime) == (before[0] + 2, before[1] + 2)


async def test_a_lookup_without_a_reason_is_refused_and_not_carried_out(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    before = await _lookups(runtime)
    refused = await _lookup(client, {"waarde": VALID_INSZ, "reden": ""})
    assert refused.status_code == 422
    assert 'id="f-reden-error"' in refused.text
    bad = await _lookup(client, {"waarde": "12345", "reden": "vraag van het gezin"})
    assert bad.status_code == 422
    assert 'id="f-waarde-error"' in bad.text
    assert await _lookups(runtime) == before


async def test_the_retention_page_reads_as_plain_dutch(
    client: AsyncClient, runtime: Runtime
) -> None:
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    page = await client.get("/fg/bewaring")
    assert page.status_code == 200
    assert "Dossier: 18 maanden na de laatste activiteit → herbekijken" in page.text
    assert "Dossier: 5 jaar na het afsluiten van het dossier → wissen" in page.text
    assert "P18M" not in page.text and "coordination_file" not in page.text
    assert "Volgende automatische run" in page.text or "uitgeschakeld" in page.text


async def test_the_retention_page_says_when_the_next_run_is(
    client: AsyncClient, runtime: Runtime
) -> None:
    from zorgafstemming.dutch import dutch_datetime
    from zorgafstemming.retention.leader import LEASE_NAME
    from zorgafstemming.retention.models import RetentionLease

    now = datetime(2026, 3, 3, 13, 5, tzinfo=UTC)
    runtime.clock = lambda: now
    runtime.settings = dataclasses.replace(
        runtime.settings, scheduler_enabled=True, retention_period_seconds=24 * 3600
    )
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)

    def next_run(page: Response) -> str:
        match = re.search(r'<p id="volgende-run">(.*?)</p>', page.text, re.S)
        assert match is not None, page.text
        return match.group(1)

    # Before any run, the next one is due now.
    assert next_run(await client.get("/fg/bewaring")) == (
        f"Volgende automatische run: {dutch_datetime(now)} (er liep nog geen run)."
    )
    # A period after the last completed run.
    last = now - timedelta(hours=2)
    async with runtime.unit_of_work() as uow:
        await uow.session.merge(RetentionLease(name=LEASE_NAME, last_run_at=last))
    assert next_run(await client.get("/fg/bewaring")) == (
        f"Volgende automatische run: {dutch_datetime(last + timedelta(days=1))}"
        f" (de vorige begon {dutch_datetime(last)})."
    )
    # Where the scheduler is off, the page says who runs it instead.
    runtime.settings = dataclasses.replace(runtime.settings, scheduler_enabled=False)
    assert "automatische run uitgeschakeld" in next_run(await client.get("/fg/bewaring"))


async def test_the_retention_page_counts_the_files_each_rule_names(
    client: AsyncClient, runtime: Runtime
) -> None:
    from tests.factories.retention import seed_due_and_not_due

    await seed_due_and_not_due(runtime, 2, 1)
    dpo = await create_account(runtime, Role.DPO)
    await sign_in_as(client, runtime, dpo)
    page = await client.get("/fg/bewaring")
    assert page.status_code == 200
    rules = page.text.split('aria-labelledby="regels"', 1)[1].split("</table>", 1)[0]
    ended = next(r for r in _ROW.findall(rules) if "nadat alle toestemmingen" in r)
    assert "2 dossiers" in ended  # both due now, and both scheduled
    idle = next(r for r in _ROW.findall(rules) if "na de laatste activiteit" in r)
    assert '"Nu te doen">1 dossier<' in idle
