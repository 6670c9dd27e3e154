"""Search timing: a search whose term matches a file the caller may not see, against one whose
term matches nothing. The two must be indistinguishable to the caller (same body, and — this
script measures it — the same time).

Run: ``.venv/bin/python bench/search_timing.py`` (``--postgres URL`` to use PostgreSQL instead
of a temporary SQLite file; ``--tries 200``; ``--files 50``). Prints a table.

Setup: organisations A and B; A's worker opens ``--files`` files, one of them for a family whose
parent has national number FOREIGN (and family name "Peeters"). B's worker then searches,
in-process (httpx ASGI transport, one request at a time), alternating: FOREIGN (a match in A's
file, which B may not see) and NOBODY (a valid number nobody has), and the same by name + birth
year. Wall-clock per request; medians and the 10th/90th percentiles over ``--tries`` each.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.factories.coordination import VALID_INSZ, family, file_body, make_network, open_file

from zorgafstemming import migrate
from zorgafstemming.app import create_app
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.runtime import Runtime

FOREIGN = VALID_INSZ
NOBODY = "85031212362"
SEARCH = "/api/v1/files/search"


async def _database(postgres: str | None, tmp: Path) -> str:
    if not postgres:
        return f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
    import asyncpg

    name = f"zorg_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(postgres.replace("+asyncpg", ""))
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    return postgres.rsplit("/", 1)[0] + f"/{name}"


async def _timed(client: httpx.AsyncClient, body: dict[str, Any], headers: dict[str, str]) -> float:
    start = time.perf_counter()
    response = await client.post(SEARCH, json=body, headers=headers)
    elapsed = time.perf_counter() - start
    if response.status_code != 200 or response.json()["items"]:
        raise SystemExit(f"unexpected answer: {response.status_code} {response.text}")
    return elapsed


def _row(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p10, p90 = ms[len(ms) // 10], ms[(len(ms) * 9) // 10]
    return f"| {name} | {statistics.median(ms):.2f} | {p10:.2f} | {p90:.2f} |"


async def run(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="zorg-bench-"))
    init_keys(tmp / "keys")
    url = await _database(args.postgres, tmp)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(
        env="development",
        data_dir=tmp,
        database_url=url,
        key_dir=tmp / "keys",
        demo=False,
        scheduler_enabled=False,
    )
    runtime = Runtime.build(settings)
    app = create_app(settings, runtime=runtime)
    for hook in app.on_startup:
        await hook(app)
    net = await make_network(runtime, size=2)
    year = int(family(runtime.clock())[0]["birth_date"][:4])
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://testserver.local"
    ) as client:
        for _ in range(args.files):
            await open_file(client, net.headers[0], file_body(runtime.clock(), [net.orgs[0]]))
        pairs = {
            "national number": ({"insz": FOREIGN}, {"insz": NOBODY}),
            "name + birth year": (
                {"family_name": "Peeters", "birth_year": year},
                {"family_name": "Nobody", "birth_year": year},
            ),
        }
        lines = []
        for kind, (foreign, nothing) in pairs.items():
            for _ in range(10):  # warm: statements built, caches filled
                await _timed(client, foreign, net.headers[1])
                await _timed(client, nothing, net.headers[1])
            a: list[float] = []
            b: list[float] = []
            for i in range(args.tries):  # interleaved, alternating which goes first
                first, second = (foreign, nothing) if i % 2 == 0 else (nothing, foreign)
                t1 = await _timed(client, first, net.headers[1])
                t2 = await _timed(client, second, net.headers[1])
                (a if first is foreign else b).append(t1)
                (b if first is foreign else a).append(t2)
            lines.append(_row(f"{kind}: match in a file B may not see", a))
            lines.append(_row(f"{kind}: no match", b))
    await runtime.close()
    if args.postgres:  # the database this run created goes with it
        import asyncpg

        admin = await asyncpg.connect(args.postgres.replace("+asyncpg", ""))
        await admin.execute(f'DROP DATABASE "{url.rsplit("/", 1)[1]}"')
        await admin.close()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(f"Search timing, {backend}, {args.files} files, {args.tries} tries each (ms)\n")
    print("| search | median | p10 | p90 |\n|---|---|---|---|")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default=None, help="PostgreSQL URL (asyncpg)")
    parser.add_argument("--tries", type=int, default=200)
    parser.add_argument("--files", type=int, default=50)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
