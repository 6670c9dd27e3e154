"""Sign-in timing: a nonexistent account against an existing one with a wrong password.

Run: ``.venv/bin/python bench/login_bench.py`` (add ``--postgres URL`` for PostgreSQL too).
Writes ``bench/results/login.md``.

Each try is one ``identity.login.authenticate`` call (rate limits, account lookup by blind
index, Argon2id verification on the hashing pool, audit event), timed on the wall clock. The
two kinds of try are interleaved, 200 each. The runtime's clock moves five minutes per try so
the rate-limit windows (documented in ``identity/ratelimit.py``) do not turn tries into 429s.
Baseline in the same run: one bare ``argon2`` verification. Goal: the medians within 10 %.
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from zorgafstemming import migrate
from zorgafstemming.audit.service import AuditContext
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.errors import UnauthorizedError
from zorgafstemming.identity import login, passwords
from zorgafstemming.identity.principal import Role
from zorgafstemming.runtime import Runtime

RESULTS = Path(__file__).parent / "results" / "login.md"
TRIES = 200


async def measure(url: str, data_dir: Path) -> dict[str, list[float]]:
    settings = Settings(data_dir=data_dir, database_url=url, demo=True, scheduler_enabled=False)
    runtime = Runtime.build(settings)
    now = [datetime.now(UTC)]
    runtime.clock = lambda: now[0]
    sys.path.insert(0, str(Path(__file__).parent.parent))
    from tests.factories import create_account

    worker = await create_account(runtime, Role.SOCIAL_WORKER)
    passwords.warm_up()
    ctx = AuditContext(client_ip="192.0.2.10")
    times: dict[str, list[float]] = {"nonexistent account": [], "wrong password": []}
    emails = {"nonexistent account": "niemand@example.org", "wrong password": worker.email or ""}
    try:
        for i in range(TRIES * 2):
            kind = "nonexistent account" if i % 2 == 0 else "wrong password"
            now[0] += timedelta(minutes=5)
            start = time.perf_counter()
            try:
                await login.authenticate(
                    runtime, emails[kind], "verkeerd-wachtwoord-77", "123456", ctx
                )
            except UnauthorizedError:
                pass
            else:
                raise AssertionError("a wrong password signed in")
            times[kind].append(time.perf_counter() - start)
    finally:
        await runtime.close()
    stored = passwords.hash_password_sync("stille-rivier-kompas-42")
    bare = []
    for _ in range(TRIES):
        start = time.perf_counter()
        passwords.HASHER.verify(stored, "stille-rivier-kompas-42")
        bare.append(time.perf_counter() - start)
    times["bare Argon2id verify (baseline)"] = bare
    return times


def rows(backend: str, times: dict[str, list[float]]) -> list[str]:
    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    missing, wrong = med["nonexistent account"], med["wrong password"]
    out = []
    for kind, value in med.items():
        p90 = statistics.quantiles(times[kind], n=10)[-1] * 1000
        out.append(f"| {backend} | {kind} | {value:.1f} | {p90:.1f} |")
    diff = abs(missing - wrong) / wrong * 100
    out.append(f"| {backend} | difference of the medians | {diff:.1f} % | |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="postgresql+asyncpg://… of an empty database")
    args = parser.parse_args()
    lines = [
        "# Sign-in timing: nonexistent account against wrong password",
        "",
        f"`python bench/login_bench.py{' --postgres …' if args.postgres else ''}` — Python "
        f"{platform.python_version()}, {datetime.now(UTC):%Y-%m-%d}; {TRIES} tries of each "
        "kind, interleaved; wall clock per `authenticate` call (rate limits, lookup, Argon2id "
        "t=2 m=19 MiB p=1 on the hashing pool, audit event). Goal: medians within 10 %.",
        "",
        "| backend | try | median ms | p90 ms |",
        "|---|---|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        init_keys(data_dir / "keys")
        url = f"sqlite+aiosqlite:///{data_dir / 'bench.db'}"
        migrate.upgrade(url)
        lines += rows("SQLite", asyncio.run(measure(url, data_dir)))
        if args.postgres:
            migrate.upgrade(args.postgres)
            lines += rows("PostgreSQL", asyncio.run(measure(args.postgres, data_dir)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
