"""Two `zorgafstemming serve` processes on one PostgreSQL database, with traffic through both.

What an operator running a fleet relies on: a token or a session cookie issued by one instance
works on the other; a rate limit counted on one refuses on the other; one sealer at a time, so
the audit log never forks; and the retention purge runs once per period across the fleet.
"""

from __future__ import annotations

import asyncio
import itertools
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from tests.factories.accounts import TestAccount, create_account, current_code
from tests.factories.clock import room_in_window
from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.fleet import (
    Instance,
    cookie_header,
    cookies_of,
    http_client,
    stop_instance,
    two_instances,
    until_live,
)
from tests.factories.retention import count, rows_of, seed_due_and_not_due
from zorgafstemming.audit.bundle import encode_bundle, export_bundle, verify_bundle
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.identity.principal import Role
from zorgafstemming.identity.ratelimit import LOGIN_PER_ACCOUNT
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.purge import PURGE_ACTION
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow

PERIOD_SECONDS = 3
READS = 120
CONCURRENCY = 8
RUNS_TO_SEE = 3
_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def _sign_in_on_the_web(
    http: AsyncClient, base: str, runtime: Runtime, account: TestAccount
) -> dict[str, str]:
    page = await http.get(f"{base}/aanmelden")
    cookies = cookies_of(page)
    match = _CSRF.search(page.text)
    assert match is not None
    signed_in = await http.post(
        f"{base}/aanmelden",
        data={
            "_csrf_token": match.group(1),
            "email": account.email,
            "password": account.password,
            "otp": current_code(runtime, account),
        },
        headers=cookie_header(cookies),
        follow_redirects=False,
    )
    assert signed_in.status_code == 303, signed_in.text[:300]
    return {**cookies, **cookies_of(signed_in)}


async def _wrong_login(http: AsyncClient, base: str, account: TestAccount) -> Response:
    return await http.post(
        f"{base}/api/v1/auth/token",
        json={"email": account.email, "password": "niet-het-wachtwoord", "otp": "000000"},
    )


async def _sealed(runtime: Runtime) -> tuple[int, int]:
    async with runtime.sessions() as session:
        events = await session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        unsealed = await count(session, AuditEvent, AuditEvent.seq.is_(None))
    return events, unsealed


def _run_starts(instances: list[Instance]) -> list[tuple[datetime, str]]:
    return sorted(
        (datetime.fromisoformat(line["started_at"]), instance.name)
        for instance in instances
        for line in instance.events("retention_run_finished")
        if line.get("kind") == "run"
    )


@pytest.mark.parametrize("test_database", ["postgresql"], indirect=True)
async def test_two_instances_share_sessions_limits_one_sealer_and_one_purge_per_period(
    runtime: Runtime, tmp_path: Path
) -> None:
    async with http_client() as http:
        period = {"ZORG_RETENTION_PERIOD_SECONDS": str(PERIOD_SECONDS)}
        with two_instances(runtime, tmp_path, period) as instances:
            await _exercise(runtime, instances, http)


async def _exercise(runtime: Runtime, instances: list[Instance], http: AsyncClient) -> None:
    a, b = instances
    due, not_due = await seed_due_and_not_due(runtime, 3, 1, idle=False)
    net = await make_network(runtime, 1)
    admin = await create_account(runtime, Role.ADMIN)
    victim = await create_account(runtime, Role.ADMIN)
    await asyncio.gather(until_live(http, a), until_live(http, b))

    # A bearer token issued by A is honoured by B, and a web session started on A too.
    issued = await http.post(
        f"{a.url}/api/v1/auth/token",
        json={
            "email": net.workers[0].email,
            "password": net.workers[0].password,
            "otp": current_code(runtime, net.workers[0]),
        },
    )
    assert issued.status_code == 200, issued.text
    headers = {"Authorization": f"Bearer {issued.json()['access_token']}"}
    assert (await http.get(f"{b.url}/api/v1/files", headers=headers)).status_code == 200
    session_cookies = await _sign_in_on_the_web(http, a.url, runtime, admin)
    page = await http.get(
        f"{b.url}/beheer/organisaties",
        headers={**cookie_header(session_cookies), "accept": "text/html"},
        follow_redirects=False,
    )
    assert page.status_code == 200 and "Organisatie toevoegen" in page.text

    # Load through both: a file opened on B, read concurrently through A and B.
    client_b = AsyncClient(base_url=b.url, timeout=30)
    async with client_b:
        view = await open_file(client_b, headers, file_body(runtime.clock(), [net.orgs[0]]))
    gate = asyncio.Semaphore(CONCURRENCY)

    async def read(n: int) -> int:
        async with gate:
            base = (a, b)[n % 2].url
            response = await http.get(f"{base}/api/v1/files/{view['id']}", headers=headers)
            return response.status_code

    statuses = await asyncio.gather(*(read(n) for n in range(READS)))
    assert statuses == [200] * READS

    # A rate limit counted on A refuses on B: wrong sign-ins for one account on A until A
    # refuses, then B refuses the next one at once — but not another account's. The instances
    # run on the wall clock: all of it must fall in one window of the account's limit.
    await room_in_window(LOGIN_PER_ACCOUNT.window_seconds, 30)
    for _ in range(40):
        if (await _wrong_login(http, a.url, victim)).status_code == 429:
            break
    else:
        pytest.fail("A never limited the wrong sign-ins")
    on_b = await _wrong_login(http, b.url, victim)
    assert on_b.status_code == 429 and int(on_b.headers["retry-after"]) > 0
    assert (await _wrong_login(http, b.url, net.workers[0])).status_code == 401

    # Wait (bounded) for every event to be sealed and for the fleet to purge a few periods.
    for _ in range(300):
        events, unsealed = await _sealed(runtime)
        if unsealed == 0 and len(_run_starts(instances)) >= RUNS_TO_SEE:
            break
        await asyncio.sleep(0.1)
    for instance in instances:
        stop_instance(instance)

    # One purge per period across the fleet: runs start at least a period apart, whichever
    # instance ran them, and each due file was purged exactly once.
    starts = _run_starts(instances)
    assert len(starts) >= RUNS_TO_SEE, starts
    for (earlier, _), (later, _) in itertools.pairwise(starts):
        assert later - earlier >= timedelta(seconds=PERIOD_SECONDS), starts
    async with runtime.sessions() as session:
        for file in due:
            ref = audit_ref(runtime.secrets.audit_key, "file", file.file_id)
            assert await count(session, PurgeTombstone, PurgeTombstone.file_ref == ref) == 1
            purges = await count(
                session, AuditEvent, AuditEvent.file_ref == ref, AuditEvent.action == PURGE_ACTION
            )
            assert purges == 1
    assert (await rows_of(runtime, not_due[0].file_id))["members"] == 2

    # One sealer at a time: every event sealed once, the checkpoints one chain that verifies,
    # each checkpoint written by exactly one of the two instances.
    events, unsealed = await _sealed(runtime)
    assert unsealed == 0
    async with runtime.sessions() as session:
        bundle = await export_bundle(session, runtime.secrets.signing_seed, runtime.clock())
        sizes = list(
            (await session.scalars(select(AuditCheckpoint.tree_size).order_by("tree_size"))).all()
        )
    report = verify_bundle(encode_bundle(bundle))
    assert report.tree_size == events == sizes[-1]
    sealed_by = {
        instance.name: {line["tree_size"] for line in instance.events("audit_sealed")}
        for instance in instances
    }
    assert not sealed_by["a"] & sealed_by["b"]
    assert sealed_by["a"] | sealed_by["b"] <= set(sizes)
    for instance in instances:
        assert not instance.events("audit_seal_failed"), instance.name
        assert not instance.events("retention_run_failed"), instance.name
