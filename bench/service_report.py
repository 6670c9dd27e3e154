"""The table ``make bench`` writes: medians over interleaved rounds, ratios per round."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wrk_driver import WrkResult


@dataclass
class Figure:
    """One wrk run: which backend, size, processes, scenario and server, and what it gave."""

    backend: str
    size: int
    workers: int
    scenario: str
    target: str
    round_no: int
    result: WrkResult
    load: str
    signed_in: tuple[int, int] | None = None
    flood: WrkResult | None = None

    def line(self) -> str:
        r = self.result
        return (
            f"{self.backend} {self.size:,} x{self.workers} {self.scenario:<7} {self.target:<12} "
            f"{r.rps:8.1f} req/s p50 {r.p50_ms:7.1f} p99 {r.p99_ms:7.1f} ms "
            f"errors {r.errors} load {self.load}"
        )


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def write_report(
    args: argparse.Namespace,
    figures: list[Figure],
    loads: dict[str, dict[int, float]],
    elapsed: float,
    sizes_on_disk: dict[str, dict[int, str]] | None = None,
    buffer_pool: str | None = None,
) -> None:
    """Write ``args.output``: the comparison table, the size scaling and the flood."""
    cpus = len(os.sched_getaffinity(0))
    lines = [
        "# The service against a naive app on the same rows",
        "",
        f"`make bench{'-quick' if args.quick else ''}` (`bench/service_bench.py`), "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {elapsed / 60:.0f} min. Machine: {cpus} "
        f"CPU(s) ({_cpu()}), shared with other work — the load average (1/5/15 min) is given "
        f"with every row; Python {platform.python_version()}, {platform.system()}.",
        "",
        "Both servers run as their own processes on the same database and rows, uvicorn with "
        "uvloop and httptools. **secured**: `zorgafstemming serve` — bearer token, guard and "
        "Cedar, consent facts read in the request's transaction, decryption of what the consent "
        "covers, one audit event per request (fail-closed). **naive**: `bench/naive_app.py` — "
        "ORM entities, no token, no consent check, no decryption, no audit. Load: wrk "
        f"`-t2 -c16 -d{args.seconds}s` on random files of a 20,000-file sample; "
        f"{args.rounds} interleaved round(s) per row (the order of the two servers alternates); "
        "req/s and latencies are medians over the rounds, the ratio is the median of the "
        "per-round ratios (secured / naive, each pair measured back to back). Scenarios: "
        "`read` GET /files/{id}; `entries` GET /files/{id}/entries; `write` POST an entry; "
        "`mixed` 80 % read, 10 % entries, 10 % write. PostgreSQL is loaded with COPY, SQLite "
        "with multi-row INSERTs.",
        "",
        "| backend | files | processes | scenario | secured req/s | naive req/s | ratio "
        "| secured p50 / p99 ms | naive p50 / p99 ms | errors | load average |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    groups: dict[tuple[str, int, int, str], list[Figure]] = {}
    for f in figures:
        if f.target in ("secured", "naive"):
            groups.setdefault((f.backend, f.size, f.workers, f.scenario), []).append(f)
    read_p50: dict[tuple[str, int], float] = {}
    for (backend, size, workers, scenario), group in groups.items():
        sec = [f for f in group if f.target == "secured"]
        nai = [f for f in group if f.target == "naive"]
        by_round = {f.round_no: f for f in nai}
        ratios = [
            f.result.rps / by_round[f.round_no].result.rps for f in sec if f.round_no in by_round
        ]
        sec_p50 = _median([f.result.p50_ms for f in sec])
        if scenario == "read" and workers == 1:
            read_p50[(backend, size)] = sec_p50
        loads_seen = sorted({f.load.split()[0] for f in group}, key=float)
        lines.append(
            f"| {backend} | {size:,} | {workers} | {scenario} "
            f"| {_median([f.result.rps for f in sec]):,.0f} "
            f"| {_median([f.result.rps for f in nai]):,.0f} | {_median(ratios):.2f} "
            f"| {sec_p50:.1f} / {_median([f.result.p99_ms for f in sec]):.1f} "
            f"| {_median([f.result.p50_ms for f in nai]):.1f} / "
            f"{_median([f.result.p99_ms for f in nai]):.1f} "
            f"| {sum(f.result.errors for f in sec)} / {sum(f.result.errors for f in nai)} "
            f"| {loads_seen[0]} to {loads_seen[-1]} |"
        )
    lines += ["", "## Growing the database", ""]
    lines += [
        "| backend | files | database size | bulk load s | secured read p50 ms "
        "| p50 / p50 at the smallest size |"
    ]
    lines += ["|---|---:|---:|---:|---:|---:|"]
    on_disk = sizes_on_disk or {}
    for backend, by_size in loads.items():
        sizes = sorted(by_size)
        first = read_p50.get((backend, sizes[0])) if sizes else None
        for size in sizes:
            p50 = read_p50.get((backend, size), float("nan"))
            scale = f"{p50 / first:.2f}" if first else "-"
            disk = on_disk.get(backend, {}).get(size, "-")
            lines.append(
                f"| {backend} | {size:,} | {disk} | {by_size[size]:.0f} | {p50:.1f} | {scale} |"
            )
    if buffer_pool:
        lines += [
            "",
            f"PostgreSQL's buffer pool (`shared_buffers`) was {buffer_pool}: a database larger "
            "than it serves the pages it no longer holds from the operating system's cache.",
        ]
    floods = [f for f in figures if f.scenario == "cheap"]
    if floods:
        lines += [
            "",
            "## Sign-in flood from one address",
            "",
            "Cheap requests (GET /health/live, wrk -c16) idle, then while wrk (-c4) floods "
            "POST /api/v1/auth/token with wrong passwords from one address (X-Forwarded-For "
            "from a trusted proxy): first from the flood's start (its first attempts still reach "
            "the password hash, until the address's own limit of "
            "30 per 5 minutes trips), then in the steady state (every attempt refused before the "
            "hash). Meanwhile other people sign in, each from an address of their own. Ratio: "
            "during / idle, per round (the address's limit stays tripped across rounds).",
            "",
            "| backend | round | phase | idle req/s | during flood req/s | ratio "
            "| flood req/s (401 or 429) | other sign-ins ok | load average |",
            "|---|---:|---|---:|---:|---:|---:|---:|---|",
        ]
        idle = {(f.backend, f.round_no): f for f in floods if f.target == "idle"}
        for f in floods:
            if f.target == "idle":
                continue
            base = idle[(f.backend, f.round_no)]
            ok, tried = f.signed_in or (0, 0)
            flood_rps = f.flood.rps if f.flood else float("nan")
            lines.append(
                f"| {f.backend} | {f.round_no + 1} | {f.target} | {base.result.rps:,.0f} "
                f"| {f.result.rps:,.0f} | {f.result.rps / base.result.rps:.2f} | {flood_rps:,.0f} "
                f"| {ok} / {tried} | {f.load} |"
            )
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
