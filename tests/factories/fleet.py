"""Server processes for the fleet tests: `zorgafstemming serve` on a free port of 127.0.0.1,
its JSON log lines in a file, and the cookies kept by hand (plain HTTP on the loopback)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from httpx import AsyncClient, Response, TransportError

from zorgafstemming.runtime import Runtime

ROOT = Path(__file__).resolve().parents[2]


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


def free_port() -> int:
    """A TCP port of 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_instance(
    name: str, runtime: Runtime, folder: Path, extra_env: dict[str, str] | None = None
) -> Instance:
    """Start `zorgafstemming serve` on the runtime's database, key folder and deletion ledger,
    scheduler on."""
    settings = runtime.settings
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        ZORG_ENV="development",
        ZORG_DATA_DIR=str(folder / name),
        ZORG_KEY_DIR=str(settings.keys_path),
        ZORG_DATABASE_URL=settings.effective_database_url,
        ZORG_SCHEDULER_ENABLED="true",
        ZORG_DEMO="false",
        ZORG_DB_POOL_SIZE="5",
        # One deletion ledger for the fleet, as every installation with several instances has.
        ZORG_LEDGER_PATH=str(settings.deletion_ledger_path),
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    env.update(extra_env or {})
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


def stop_instance(instance: Instance) -> None:
    """Stop the server as systemd would (SIGTERM), killing it if it hangs."""
    if instance.process.poll() is None:
        instance.process.send_signal(signal.SIGTERM)
        try:
            instance.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait(timeout=20)


async def until_live(client: AsyncClient, instance: Instance) -> None:
    """Wait (bounded) until the server answers its liveness probe."""
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


@contextmanager
def two_instances(
    runtime: Runtime, folder: Path, extra_env: dict[str, str] | None = None
) -> Iterator[list[Instance]]:
    """Instances "a" and "b" on one database, stopped at the end."""
    started = [start_instance(name, runtime, folder, extra_env) for name in ("a", "b")]
    try:
        yield started
    finally:
        for instance in started:
            stop_instance(instance)


@asynccontextmanager
async def http_client() -> AsyncIterator[AsyncClient]:
    """A plain HTTP client for the servers (no base URL: each call names its instance)."""
    async with AsyncClient(timeout=30) as client:
        yield client


def cookies_of(response: Response) -> dict[str, str]:
    """The cookies a response sets (the client keeps them by hand: ``__Host-`` cookies are
    Secure, and these servers speak plain HTTP on the loopback)."""
    found = {}
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        found[name] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    """The ``Cookie`` header that sends ``cookies``."""
    return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
