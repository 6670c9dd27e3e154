"""Two `zorgafstemming serve` processes on one PostgreSQL database, with traffic through both.

What an operator running a fleet relies on: a token or a session cookie issued by one instance
works on the other; a rate limit counted on one refuses on the other; one sealer at a time, so
the audit log never forks; and the retention purge runs once per period across the fleet.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient, Response, TransportError
from sqlalchemy import func, select

from tests.factories.accounts import TestAccount, create_account, current_code
from tests.factories.coordination import file_body, make_network, open_file
from tests.factories.retention import count, rows_of, seed_due_and_not_due
from zorgafstemming.audit.bundle import encode_bundle, export_bundle, verify_bundle
from zorgafstemming.audit.models import AuditCheckpoint, AuditEvent
from zorgafstemming.audit.service import audit_ref
from zorgafstemming.identity.principal import Role
from zorgafstemming.retention.models import PurgeTombstone
from zorgafstemming.retention.purge import PURGE_ACTION
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PERIOD_SECONDS = 3
READS = 120
CONCURRENCY = 8
RUNS_TO_SEE = 3
_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


@dataclass
class Instance:
    """One server process: its base URL and the JSON log lines it wrote."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_lines(self) -> list[dict[str, Any]]:
        lines = []
        for raw in self.log_path.read_text(errors="replace").splitlines():
            if raw.startswith("{"):
                lines.append(json.loads(raw))
        return lines

    def events(self, name: str) -> list[dict[str, Any]]:
        return [line for line in self.log_lines() if line.get("event") == name]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _start(name: str, runtime: Runtime, folder: Path) -> Instance:
    settings = runtime.settings
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        ZORG_ENV="development",
        ZORG_DATA_DIR=str(folder / name),
        ZORG_KEY_DIR=str(settings.keys_path),
        ZORG_DATABASE_URL=settings.effective_database_url,
        ZORG_SCHEDULER_ENABLED="true",
        ZORG_RETENTION_PERIOD_SECONDS=str(PERIOD_SECONDS),
        ZORG_DEMO="false",
        ZORG_DB_POOL_SIZE="5",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    (folder / name).mkdir(parents=True)
    log_path = folder / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "zorgafstemming", "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            cwd=ROOT,
        )
    return Instance(name, f"http://127.0.0.1:{port}", process, log_path)


def _stop(instance: Instance) -> None:
    if instance.process.poll() is None:
        instance.process.send_signal(signal.SIGTERM)
        try:
            instance.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait(timeout=20)


async def _until_live(client: AsyncClient, instance: Instance) -> None:
    for _ in range(300):
        if instance.process.poll() is not None:
            pytest.fail(f"{instance.name} exited: {instance.log_path.read_text()[-2000:]}")
        try:
            if (await client.get(f"{instance.url}/health/live")).status_code == 200:
                return
        except TransportError:
            pass
        await asyncio.sleep(0.1)
    pytest.fail(f"{instance.name} did not come up")


@pytest.fixture
def instances(runtime: Runtime, tmp_path: Path) -> Iterator[list[Instance]]:
    started = [_start(name, runtime, tmp_path) for name in ("a", "b")]
    try:
        yield started
    finally:
        for instance in started:
            _stop(instance)


@pytest.fixture
async def http() -> AsyncIterator[AsyncClient]:
    async with AsyncClient(timeout=30) as client:
        yield client


def _cookies(response: Response) -> dict[str, str]:
    """The cookies a response sets (the client keeps them by hand: ``__Host-`` cookies are
    Secure, and these servers speak plain HTTP on the loopback)."""
    found = {}
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        found[name] = rest.split(";", 1)[0]
    return found


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


async def _sign_in_on_the_web(
    http: AsyncClient, base: str, runtime: Runtime, account: TestAccount
) -> dict[str, str]:
    page = await http.get(f"{base}/aanmelden")
    cookies = _cookies(page)
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
        headers=_cookie_header(cookies),
        follow_redirects=False,
    )
    assert signed_in.status_code == 303, signed_in.text[:300]
    return {**cookies, **_cookies(signed_in)}


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
    runtime: Runtime, instances: list[Instance], http: AsyncClient
) -> None:
    a, b = instances
    due, not_due = await seed_due_and_not_due(runtime, 3, 1, idle=False)
    net = await make_network(runtime, 1)
    admin = await create_account(runtime, Role.ADMIN)
    victim = await create_account(runtime, Role.ADMIN)
    await asyncio.gather(_until_live(http, a), _until_live(http, b))

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
        headers={**_cookie_header(session_cookies), "accept": "text/html"},
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
    # refuses, then B refuses the next one at once — but not another account's.
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
        _stop(instance)

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
