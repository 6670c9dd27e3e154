"""Crash images of SQLite under a withdrawal load: no acknowledged withdrawal is ever lost.

A server process withdraws consents one after the other over HTTP and prints each withdrawal it
saw acknowledged. At random moments the test freezes it (SIGSTOP), copies the database and its
WAL as they are at that instant — a crash image — and lets it go on. Every image must open
cleanly (SQLite recovers the WAL) and hold every withdrawal acknowledged before it was taken:
a family's withdrawal that vanished would silently give the partners access again.

A copy reads the operating system's view of the files, as a process crash leaves them; that
``fsync`` then puts this on the disk before a commit returns is what ``synchronous=FULL``
guarantees, and the last test checks every connection runs with it.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from tests.factories.coordination import consent_of, file_body, make_network, open_file
from tests.factories.http import asgi_transport
from zorgafstemming.app import create_app
from zorgafstemming.runtime import Runtime

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
FILES = 12  # one withdrawal each
MIN_IMAGES = 8
MAX_IMAGES = 30
WRITER = """
import asyncio, json, sys
from httpx import ASGITransport, AsyncClient
from zorgafstemming.app import create_app
from zorgafstemming.config import load_settings
from zorgafstemming.runtime import Runtime

async def main() -> None:
    plan = json.loads(open(sys.argv[1]).read())
    settings = load_settings()
    runtime = Runtime.build(settings)
    app = create_app(settings, runtime=runtime)
    app.state.runtime = runtime
    headers = {"authorization": "Bearer " + plan["token"]}
    transport = ASGITransport(app=app, client=("127.0.0.1", 40000))
    print("READY", flush=True)
    async with AsyncClient(transport=transport, base_url="https://testserver.local") as client:
        for file_id, consent_id in plan["withdrawals"]:
            url = f"/api/v1/files/{file_id}/consents/{consent_id}/withdraw"
            response = await client.post(url, headers=headers)
            if response.status_code == 200:
                print("ACK", consent_id, flush=True)
    await runtime.close()

asyncio.run(main())
"""


def _stopped(pid: int) -> bool:
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    return state in ("T", "t", "Z", "X")


def _drain(fd: int, lines: list[bytes], pending: bytearray) -> None:
    """Read every line the writer has printed so far (the pipe is non-blocking)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            return
        pending.extend(chunk)
        *complete, rest = pending.split(b"\n")
        pending[:] = rest
        lines.extend(bytes(line) for line in complete)


def _acknowledged(lines: list[bytes]) -> set[str]:
    return {line.split()[1].decode() for line in lines if line.startswith(b"ACK ")}


def _withdrawn_in(image: Path) -> set[str]:
    conn = sqlite3.connect(image)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT consent_id FROM consent_events WHERE kind = 'withdrawn'")
        return {str(uuid.UUID(str(row[0]))) for row in rows}
    finally:
        conn.close()


def _run_writer_taking_images(
    plan_file: Path, env: dict[str, str], database: Path, tmp_path: Path
) -> tuple[int, list[bytes], list[tuple[Path, set[str]]]]:
    """Run the writer; freeze it at random moments and copy the database and WAL as an image,
    with the withdrawals acknowledged before the freeze. Returns its exit status, its lines
    and the images."""
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(plan_file)], stdout=subprocess.PIPE, env=env
    )
    assert writer.stdout is not None
    fd = writer.stdout.fileno()
    os.set_blocking(fd, False)
    lines: list[bytes] = []
    pending = bytearray()
    images: list[tuple[Path, set[str]]] = []
    rng = random.Random(16)
    try:
        while b"READY" not in lines and writer.poll() is None:
            time.sleep(0.01)  # images of the start-up would only repeat the first one
            _drain(fd, lines, pending)
        while writer.poll() is None and len(images) < MAX_IMAGES:
            time.sleep(rng.uniform(0.0, 0.1))  # an arbitrary moment
            os.kill(writer.pid, signal.SIGSTOP)
            try:
                while not _stopped(writer.pid):
                    time.sleep(0.001)
                _drain(fd, lines, pending)  # everything acknowledged before the freeze
                image = tmp_path / f"image-{len(images):03d}.db"
                for suffix in ("", "-wal"):
                    if Path(f"{database}{suffix}").exists():
                        shutil.copyfile(f"{database}{suffix}", f"{image}{suffix}")
                images.append((image, _acknowledged(lines)))
            finally:
                os.kill(writer.pid, signal.SIGCONT)
        writer.wait(timeout=120)
        _drain(fd, lines, pending)
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait(timeout=30)
    return writer.returncode, lines, images


async def _prepare(runtime: Runtime) -> dict[str, object]:
    app = create_app(runtime.settings, runtime=runtime)
    app.state.runtime = runtime
    net = await make_network(runtime, 1)
    withdrawals = []
    async with AsyncClient(
        transport=asgi_transport(app, ("127.0.0.1", 40000)), base_url="https://testserver.local"
    ) as client:
        for _ in range(FILES):
            view = await open_file(client, net.headers[0], file_body(runtime.clock(), net.orgs))
            withdrawals.append((view["id"], consent_of(view, "parent")))
    token = net.headers[0]["Authorization"].removeprefix("Bearer ")
    return {"token": token, "withdrawals": withdrawals}


async def test_no_acknowledged_withdrawal_is_lost_in_any_crash_image(
    runtime: Runtime, backend: str, tmp_path: Path
) -> None:
    if backend != "sqlite":
        pytest.skip("crash images are of SQLite's files; PostgreSQL syncs its own WAL")
    plan = await _prepare(runtime)
    await runtime.close()  # the writer process owns the database from here
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan))
    database = Path(runtime.settings.effective_database_url.split("///", 1)[1])
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "ZORG_ENV": "development",
        "ZORG_DATABASE_URL": runtime.settings.effective_database_url,
        "ZORG_DATA_DIR": str(runtime.settings.data_dir),
        "ZORG_KEY_DIR": str(runtime.settings.keys_path),
        "ZORG_SCHEDULER_ENABLED": "false",
    }
    returncode, lines, images = _run_writer_taking_images(plan_file, env, database, tmp_path)
    assert returncode == 0
    assert len(_acknowledged(lines)) == FILES  # the load ran to its end
    assert len(images) >= MIN_IMAGES
    assert any(0 < len(seen) < FILES for _, seen in images)  # images taken mid-load
    for image, acknowledged in images:
        missing = acknowledged - _withdrawn_in(image)
        assert not missing, f"{image.name} lost {len(missing)} acknowledged withdrawal(s)"


async def test_every_sqlite_connection_syncs_each_commit(runtime: Runtime, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("a SQLite setting")
    async with runtime.engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA synchronous"))).scalar_one() == 2  # FULL
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
