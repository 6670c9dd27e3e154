"""The database fails under load: PostgreSQL goes away (every connection cut and new ones refused,
through a TCP proxy the test controls), or the SQLite disk fills up (``PRAGMA max_page_count``).

What a client and an operator must see: every request that fails answers 503 with Retry-After
and the service-unavailable problem, never a 500; ``/health/ready`` says not ready and names the
check; nothing partial is stored (each stored entry has exactly its one audit event, and every
acknowledged entry is there); and once the database is back the same process serves again.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
from httpx import AsyncClient, Response
from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.factories.coordination import file_body, make_network, member_id, open_file
from tests.factories.http import asgi_transport
from zorgafstemming.app import create_app
from zorgafstemming.runtime import Runtime

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("fault-database")]

WRITERS = 4  # concurrent requests per round
BODY = "Afspraak na overleg. " * 40  # ~0.8 kB: a full SQLite database soon has no page for it


class TcpProxy:
    """A TCP proxy in the test's event loop: ``cut`` drops every connection and refuses new
    ones (the server is gone); ``restore`` listens again on the same port."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers += [writer, up_writer]
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        finally:
            sink.transport.abort()

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()
        await self._server.wait_closed()

    async def restore(self) -> None:
        await self.start()


@dataclass
class Load:
    """The client's view of the load: every response, and the entries it saw acknowledged."""

    client: AsyncClient
    headers: dict[str, str]
    file_id: str
    about: str
    responses: list[Response] = field(default_factory=list)
    acknowledged: set[str] = field(default_factory=set)

    async def one(self, n: int) -> Response:
        if n % 3 == 2:  # a read among the writes: it writes its audit event too
            response = await self.client.get(f"/api/v1/files/{self.file_id}", headers=self.headers)
        else:
            response = await self.client.post(
                f"/api/v1/files/{self.file_id}/entries",
                json={"kind": "note", "about": [self.about], "body": BODY},
                headers=self.headers,
            )
            if response.status_code == 201:
                self.acknowledged.add(response.json()["id"])
        self.responses.append(response)
        return response

    async def round(self, during: Awaitable[None] | None = None) -> list[Response]:
        started = len(self.responses)
        jobs: list[Awaitable[Any]] = [self.one(n) for n in range(WRITERS * 3)]
        if during is not None:
            jobs.append(during)
        await asyncio.gather(*jobs)
        return self.responses[started:]


def _assert_failures_are_503(responses: list[Response]) -> int:
    failed = [r for r in responses if r.status_code >= 300]
    for response in failed:
        assert response.status_code == 503, response.text
        assert int(response.headers["retry-after"]) > 0
        body = response.json()
        assert body["type"] == "/problems/service-unavailable"
        assert {"type", "title", "status", "detail"} <= set(body)
    return len(failed)


async def _await_ready(client: AsyncClient) -> None:
    for _ in range(50):
        if (await client.get("/health/ready")).status_code == 200:
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the service did not become ready again")


async def _assert_nothing_partial(runtime: Runtime, load: Load) -> None:
    async with runtime.engine.connect() as conn:
        stored = {
            str(uuid.UUID(str(row[0])))
            for row in await conn.execute(text("SELECT id FROM entries"))
        }
        audited = (
            await conn.execute(
                text(
                    "SELECT count(*) FROM audit_events "
                    "WHERE action = 'coordination:entry:create' AND outcome = 'allowed'"
                )
            )
        ).scalar_one()
    assert load.acknowledged <= stored
    # A commit cut off before its answer may be stored unacknowledged, but never half: every
    # stored entry has its one audit event and no audit event claims an entry that is not there.
    assert audited == len(stored)


@contextlib.asynccontextmanager
async def _served(runtime: Runtime) -> AsyncIterator[AsyncClient]:
    app = create_app(runtime.settings, runtime=runtime)
    app.state.runtime = runtime
    async with AsyncClient(
        transport=asgi_transport(app, ("127.0.0.1", 40000)), base_url="https://testserver.local"
    ) as client:
        yield client


async def _start_load(runtime: Runtime, client: AsyncClient) -> Load:
    net = await make_network(runtime, 1)
    view = await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
    return Load(client, net.headers[0], view["id"], member_id(view, "parent"))


async def _outage(
    runtime: Runtime,
    client: AsyncClient,
    break_db: Callable[[], Awaitable[None]],
    mend_db: Callable[[], Awaitable[None]],
    not_ready: str,
) -> None:
    load = await _start_load(runtime, client)
    before = await load.round()
    assert all(r.status_code in (200, 201) for r in before)

    async def break_soon() -> None:
        await asyncio.sleep(0.05)  # while the round's requests are under way
        await break_db()

    broken = [*await load.round(during=break_soon()), *await load.round()]
    assert _assert_failures_are_503(broken) >= WRITERS  # the fault was felt
    ready = await client.get("/health/ready")
    assert ready.status_code == 503 and int(ready.headers["retry-after"]) > 0
    assert not_ready in ready.json()["failing"]

    await mend_db()
    await _await_ready(client)  # the same process, not restarted
    after = await load.round()
    assert [r.status_code for r in after if r.status_code not in (200, 201)] == []
    _assert_failures_are_503(load.responses)
    await _assert_nothing_partial(runtime, load)


async def test_postgresql_going_away_mid_load_answers_503_and_recovers(
    runtime: Runtime, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("the PostgreSQL outage; SQLite's fault is the full disk below")
    url = make_url(runtime.settings.effective_database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied_url = url.set(port=proxy.port).render_as_string(hide_password=False)
    through = replace(runtime.settings, database_url=proxied_url)
    proxied = Runtime.build(through, clock=runtime.clock)
    try:
        async with _served(proxied) as client:
            await _outage(proxied, client, proxy.cut, proxy.restore, "database")
    finally:
        await proxied.close()
        with contextlib.suppress(AssertionError):
            await proxy.cut()


async def _set_max_pages(runtime: Runtime, pages: int | None) -> None:
    """Cap the database at its current size (``None``: lift the cap) on the one connection."""
    async with runtime.engine.connect() as conn:
        if pages is None:
            pages = int((await conn.exec_driver_sql("PRAGMA page_count")).scalar_one())
        await conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")


async def test_sqlite_disk_full_answers_503_and_is_not_ready(
    runtime: Runtime, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("the full disk is SQLite's fault; PostgreSQL's outage is above")
    async with _served(runtime) as client:
        await _outage(
            runtime,
            client,
            lambda: _set_max_pages(runtime, None),
            lambda: _set_max_pages(runtime, 1_073_741_823),
            "disk_space",
        )
