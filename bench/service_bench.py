"""``make bench``: the service over HTTP against a naive app on the same rows, side by side.

Run: ``.venv/bin/python bench/service_bench.py [--backends sqlite postgresql]
[--sizes 10000 100000 1000000] [--workers N] [--rounds 3] [--seconds 10] [--quick]``.
Writes ``bench/results/service.md`` (``service-quick.md`` with ``--quick``).

For each backend, one database grows through the sizes (bulk loaded: PostgreSQL with COPY).
At each size both servers run as separate processes on the same database — the service
(``zorgafstemming serve``: token, guard and Cedar, consent facts, decryption, one audit event
per request, uvloop and httptools) and ``bench/naive_app.py`` (ORM entities, no security) — and
wrk drives them in interleaved rounds: the secured read, the entry list, adding an entry and a
mix (80/10/10). With ``--workers N`` (PostgreSQL) the read is measured again with N processes
each. Last, a sign-in flood from one address: cheap requests during the flood against idle,
and whether other people's sign-ins succeed meanwhile. Figures, never thresholds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from service_data import bulk_load  # noqa: E402
from service_report import Figure, write_report  # noqa: E402
from tests.factories import (  # noqa: E402
    auth_headers,
    create_account,
    create_organisation,
    current_code,
)
from wrk_driver import run_wrk, write_script, wrk_path  # noqa: E402

from zorgafstemming import migrate  # noqa: E402
from zorgafstemming.config import Settings  # noqa: E402
from zorgafstemming.crypto.keyfiles import init_keys  # noqa: E402
from zorgafstemming.identity.principal import Role  # noqa: E402
from zorgafstemming.runtime import Runtime  # noqa: E402

PG_URL = os.environ.get("ZORG_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
SCENARIOS = ("read", "entries", "write", "mixed")
# Files the load generator picks from (a random sample of the loaded ones).
SAMPLE = 20_000
FLOODER = "203.0.113.7"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(argv: list[str], env: dict[str, str], port: int, probe: str, log: Path) -> Any:
    """A server process on ``port``, ready when ``probe`` answers; stopped afterwards."""
    with log.open("ab") as out:
        proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                tail = log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"server exited ({proc.returncode}):\n{tail}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}{probe}", timeout=2).status_code < 500:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"server did not start:\n{tail}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Bench:
    """One backend's database, its accounts and the two servers' command lines."""

    def __init__(self, args: argparse.Namespace, backend: str, tmp: Path) -> None:
        self.args, self.backend, self.tmp = args, backend, tmp
        self.keys = tmp / "keys"
        init_keys(self.keys)
        self.script = write_script(tmp)
        self.log = tmp / "servers.log"
        self.db_name = f"zorg_bench_{uuid.uuid4().hex[:8]}"
        if backend == "sqlite":
            self.url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
        else:
            base = PG_URL.replace("postgresql://", "postgresql+asyncpg://", 1)
            self.url = base.rsplit("/", 1)[0] + f"/{self.db_name}"
        self.settings = Settings(
            env="development",
            data_dir=tmp,
            database_url=self.url,
            key_dir=self.keys,
            demo=False,
            scheduler_enabled=False,
            trusted_proxies=("127.0.0.1/32",),
        )
        self.loaded: list[tuple[uuid.UUID, uuid.UUID]] = []

    async def create(self) -> None:
        if self.backend == "postgresql":
            await _pg_admin(f'CREATE DATABASE "{self.db_name}"')
        await asyncio.to_thread(migrate.upgrade, self.url)
        self.runtime = Runtime.build(self.settings)
        self.org = await create_organisation(self.runtime)
        self.worker = await create_account(
            self.runtime, Role.SOCIAL_WORKER, organisation_id=self.org
        )
        self.others = [
            await create_account(self.runtime, Role.SOCIAL_WORKER, organisation_id=self.org)
            for _ in range(self.args.sign_ins * 2 * self.args.rounds)
        ]

    async def size_on_disk(self) -> str:
        """The database's size as stored (PostgreSQL: after VACUUM; SQLite: the file)."""
        if self.backend == "sqlite":
            size = sum(p.stat().st_size for p in self.tmp.glob("bench.db*") if p.is_file())
            return f"{size / 2**20:,.0f} MB"
        return str(await _pg_value(f"SELECT pg_size_pretty(pg_database_size('{self.db_name}'))"))

    async def drop(self) -> None:
        await self.runtime.close()
        if self.backend == "postgresql":
            await _pg_admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    async def grow_to(self, size: int) -> float:
        """Load files until ``size``; seconds taken."""
        started = time.perf_counter()
        more = size - len(self.loaded)
        if more > 0:
            self.loaded += await bulk_load(
                self.runtime,
                self.org,
                self.worker.id,
                more,
                first_key_id=100_000 + len(self.loaded),
                progress=lambda n: print(f"  loaded {n:,}/{more:,}", end="\r", flush=True),
            )
        sample = random.Random(size).sample(self.loaded, min(SAMPLE, len(self.loaded)))
        (self.tmp / "ids.txt").write_text("".join(f"{f} {m}\n" for f, m in sample))
        return time.perf_counter() - started

    def service_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            ZORG_ENV="development",
            ZORG_DATA_DIR=str(self.tmp),
            ZORG_DATABASE_URL=self.url,
            ZORG_KEY_DIR=str(self.keys),
            ZORG_DEMO="false",
            ZORG_SCHEDULER_ENABLED="false",
            ZORG_TRUSTED_PROXIES="127.0.0.1/32",
            ZORG_LOG_LEVEL="WARNING",
            PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        )
        return env

    def secured(self, workers: int) -> Any:
        port = free_port()
        argv = [sys.executable, "-m", "zorgafstemming", "serve", "--port", str(port)]
        if self.backend == "postgresql":
            argv += ["--workers", str(workers)]
        return server(argv, self.service_env(), port, "/health/live", self.log)

    def naive(self, workers: int) -> Any:
        port = free_port()
        env = self.service_env()
        env.update(BENCH_DATABASE_URL=self.url, BENCH_ORGANISATION=str(self.org))
        argv = [
            sys.executable, "-m", "uvicorn", "--factory", "bench.naive_app:create_naive_app",
            "--port", str(port), "--workers", str(workers), "--no-access-log",
            "--log-level", "warning",
        ]  # fmt: skip
        probe = f"/files/{self.loaded[0][0]}"
        return server(argv, env, port, probe, self.log)

    def wrk_env(
        self, mode: str, prefix: str, token: str = "", forwarded: str = ""
    ) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            BENCH_MODE=mode,
            BENCH_TOKEN=token,
            BENCH_PREFIX=prefix,
            BENCH_IDS=str(self.tmp / "ids.txt"),
            BENCH_FORWARDED=forwarded,
        )
        return env

    async def token(self) -> str:
        headers = await auth_headers(self.runtime, self.worker)
        return headers["Authorization"].split(" ", 1)[1]

    async def compare(self, size: int, workers: int, scenarios: tuple[str, ...]) -> list[Figure]:
        """Interleaved rounds of every scenario on both servers; one figure per round."""
        token = await self.token()
        figures: list[Figure] = []
        with self.secured(workers) as secured_url, self.naive(workers) as naive_url:
            targets = {
                "secured": (secured_url, "/api/v1/files/", token),
                "naive": (naive_url, "/files/", ""),
            }
            for round_no in range(self.args.rounds):
                for scenario in scenarios:
                    order = list(targets) if round_no % 2 == 0 else list(targets)[::-1]
                    for target in order:
                        url, prefix, bearer = targets[target]
                        result = await asyncio.to_thread(
                            run_wrk,
                            url,
                            self.script,
                            self.wrk_env(scenario, prefix, bearer),
                            seconds=self.args.seconds,
                        )
                        figures.append(
                            Figure(self.backend, size, workers, scenario, target, round_no,
                                   result, load_average())
                        )  # fmt: skip
                        print(f"  {figures[-1].line()}", flush=True)
        return figures

    async def flood(self, size: int) -> list[Figure]:
        """Cheap requests idle and during a sign-in flood from one address; other people sign
        in meanwhile (each from an address of their own)."""
        figures: list[Figure] = []
        with self.secured(1) as url:
            cheap = self.wrk_env("cheap", "")
            seconds = self.args.seconds
            for round_no in range(self.args.rounds):
                idle = await asyncio.to_thread(run_wrk, url, self.script, cheap, seconds=seconds)
                figures.append(
                    Figure(self.backend, size, 1, "cheap", "idle", round_no, idle, load_average())
                )
                print(f"  {figures[-1].line()}", flush=True)
                flood_env = self.wrk_env("login", "", forwarded=FLOODER)
                flooding = asyncio.create_task(
                    asyncio.to_thread(
                        run_wrk, url, self.script, flood_env,
                        seconds=2 * seconds + 3, connections=4, threads=1,
                    )
                )  # fmt: skip
                await asyncio.sleep(1)
                # First while the flood's attempts still reach the hash (until its address's
                # own limit trips), then once they are refused before it.
                for phase in ("flood, start", "flood, steady"):
                    if phase == "flood, steady":
                        await self.trip_flooder(url)
                    during = asyncio.create_task(
                        asyncio.to_thread(run_wrk, url, self.script, cheap, seconds=seconds)
                    )
                    signed_in = await self.sign_ins(url)
                    result = await during
                    figures.append(
                        Figure(self.backend, size, 1, "cheap", phase, round_no, result,
                               load_average(), signed_in=signed_in)
                    )  # fmt: skip
                    print(f"  {figures[-1].line()} sign-ins {signed_in}", flush=True)
                flood = await flooding
                figures[-1].flood = figures[-2].flood = flood
                print(f"  flood {flood.rps:.1f} req/s, {flood.errors} refused", flush=True)
        return figures

    async def trip_flooder(self, url: str) -> None:
        """Wait until the flooding address's own limit has tripped (its attempts answer 429)."""
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for _ in range(100):
                response = await client.post(
                    "/api/v1/auth/token",
                    json={"email": "nobody@example.org", "password": "x" * 12, "otp": "000000"},
                    headers={"X-Forwarded-For": FLOODER},
                )
                if response.status_code == 429:
                    return

    async def sign_ins(self, url: str) -> tuple[int, int]:
        """Other people sign in, each from their own address and each once (a TOTP code is
        good once): (succeeded, tried)."""
        ok = 0
        accounts, self.others = self.others[: self.args.sign_ins], self.others[self.args.sign_ins :]
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            for n, account in enumerate(accounts):
                response = await client.post(
                    "/api/v1/auth/token",
                    json={
                        "email": account.email,
                        "password": account.password,
                        "otp": current_code(self.runtime, account),
                    },
                    headers={"X-Forwarded-For": f"198.51.100.{len(self.others) % 200 + n + 1}"},
                )
                ok += response.status_code == 200
        return ok, len(accounts)


async def _pg_value(sql: str, *, fetch: bool = True) -> Any:
    """Run one statement on the server's maintenance database: its first value (``fetch``), else
    the command's status."""
    import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information

    conn = await asyncpg.connect(PG_URL, timeout=5)
    try:
        return await conn.fetchval(sql) if fetch else await conn.execute(sql)
    finally:
        await conn.close()


async def _pg_admin(sql: str) -> None:
    """Run a statement that returns nothing (CREATE or DROP DATABASE: no prepared statement)."""
    await _pg_value(sql, fetch=False)


async def run_backend(
    args: argparse.Namespace, backend: str
) -> tuple[list[Figure], dict[int, float], dict[int, str]]:
    figures: list[Figure] = []
    loads: dict[int, float] = {}
    on_disk: dict[int, str] = {}
    # BENCH_KEEP=1 keeps the folder (server logs, keys, SQLite file) for a look afterwards.
    folder = Path(tempfile.mkdtemp(prefix=f"zorg-bench-{backend}-"))
    bench = Bench(args, backend, folder)
    await bench.create()
    try:
        for n, size in enumerate(sorted(args.sizes)):
            print(f"{backend}: loading to {size:,} files (load average {load_average()})")
            loads[size] = await bench.grow_to(size)
            on_disk[size] = await bench.size_on_disk()
            print(f"{backend}: {size:,} files loaded in {loads[size]:.0f} s ({on_disk[size]})")
            figures += await bench.compare(size, 1, args.scenarios)
            if backend == "postgresql" and args.workers > 1:
                figures += await bench.compare(size, args.workers, ("read",))
            if n == 0 and args.flood:
                figures += await bench.flood(size)
    finally:
        await bench.drop()
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(folder, ignore_errors=True)
    return figures, loads, on_disk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", nargs="+", default=["postgresql", "sqlite"])
    parser.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--scenarios", nargs="+", default=list(SCENARIOS))
    parser.add_argument("--sign-ins", type=int, default=5)
    parser.add_argument("--no-flood", dest="flood", action="store_false")
    parser.add_argument("--quick", action="store_true", help="the two-minute subset")
    parser.add_argument(
        "--output",
        type=Path,
        help="the report (default: bench/results/service.md, service-quick.md with --quick)",
    )
    args = parser.parse_args()
    if args.output is None:
        name = "service-quick.md" if args.quick else "service.md"
        args.output = ROOT / "bench" / "results" / name
    if args.quick:
        args.sizes, args.rounds, args.seconds = [2_000], 1, 5
        args.scenarios, args.sign_ins = ["read", "write"], 2
    args.scenarios = tuple(args.scenarios)
    wrk_path()
    started = time.time()
    figures: list[Figure] = []
    loads: dict[str, dict[int, float]] = {}
    on_disk: dict[str, dict[int, str]] = {}
    buffer_pool: str | None = None
    for backend in args.backends:
        if backend == "postgresql":
            try:
                asyncio.run(_pg_admin("SELECT 1"))
            except Exception as exc:  # any failure: say so, go on without it
                print(f"PostgreSQL at {PG_URL} is unreachable ({type(exc).__name__}); skipped")
                continue
            buffer_pool = str(asyncio.run(_pg_value("SHOW shared_buffers")))
        result, loads[backend], on_disk[backend] = asyncio.run(run_backend(args, backend))
        figures += result
    write_report(args, figures, loads, time.time() - started, on_disk, buffer_pool)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
