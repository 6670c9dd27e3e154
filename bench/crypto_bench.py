"""Field-encryption throughput against a raw AESGCM loop, and the KEK rewrap rate.

Run: ``.venv/bin/python bench/crypto_bench.py`` (add ``--postgres URL`` to also measure the
rewrap rate on PostgreSQL). Writes ``bench/results/crypto.md``.

1. Encrypt+decrypt round trips of 30-byte, 256-byte and 4 KiB values through
   ``FieldCipher.encrypt``/``decrypt`` against a bare ``AESGCM`` loop doing the same work: the
   same value format, the same length-prefixed AAD (with its constant part built once, as the
   cipher caches it), a fresh ``os.urandom`` nonce per value, str encode/decode. Same values, same
   run, rounds interleaved; CPU time of the process; the median of per-round ratios counts.
2. ``keys rotate-kek`` over 100,000 data keys (``rotate_kek``: unwrap, wrap, batched UPDATE),
   against unwrapping and wrapping the same keys in memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import struct
import sys
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import insert

from zorgafstemming import migrate
from zorgafstemming.config import Settings
from zorgafstemming.crypto.field_format import value_aad, wrap_aad
from zorgafstemming.crypto.fields import FieldCipher
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.crypto.models import KEY_ACTIVE, DataKeyRecord
from zorgafstemming.crypto.rotation import rotate_kek
from zorgafstemming.db import new_id, transaction, utcnow
from zorgafstemming.runtime import Runtime

RESULTS = Path(__file__).parent / "results" / "crypto.md"
SIZES = {"30 B": 30, "256 B": 256, "4 KiB": 4096}
VALUES_PER_ROUND = {"30 B": 10_000, "256 B": 10_000, "4 KiB": 4_000}
ROUNDS = 11
REWRAP_KEYS = 100_000


def make_values(size: int, count: int) -> list[tuple[uuid.UUID, str]]:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return [
        (new_id(), "".join(alphabet[(i * 7 + j) % len(alphabet)] for j in range(size)))
        for i in range(count)
    ]


def through_cipher(cipher: FieldCipher, key: object, values: list[tuple[uuid.UUID, str]]) -> float:
    encrypt, decrypt = cipher.encrypt, cipher.decrypt
    start = time.process_time()
    for row_id, text in values:
        blob = encrypt(key, table="members", column="given_name", row_id=row_id, value=text)  # type: ignore[arg-type]
        decrypt(key, table="members", column="given_name", row_id=row_id, blob=blob)  # type: ignore[arg-type]
    return len(values) / (time.process_time() - start)


def raw_loop(raw_key: bytes, key_id: int, values: list[tuple[uuid.UUID, str]]) -> float:
    aead = AESGCM(raw_key)
    header = b"\x01" + struct.pack(">I", key_id)
    # The constant part of the AAD, built once: everything but the row id's 16 bytes.
    prefix = value_aad(key_id, "members", "given_name", uuid.UUID(int=0))[:-16]
    encrypt, decrypt, urandom = aead.encrypt, aead.decrypt, os.urandom
    start = time.process_time()
    for row_id, text in values:
        nonce = urandom(12)
        blob = header + nonce + encrypt(nonce, text.encode(), prefix + row_id.bytes)
        if blob[:5] != header:
            raise ValueError("another key")
        decrypt(blob[5:17], blob[17:], prefix + row_id.bytes).decode()
    return len(values) / (time.process_time() - start)


async def field_throughput(runtime: Runtime) -> list[tuple[str, float, float, float]]:
    async with transaction(runtime.sessions) as session:
        key = await runtime.cipher.key_for(session, "file", new_id())
    raw_key = os.urandom(32)
    rows = []
    for label, size in SIZES.items():
        values = make_values(size, VALUES_PER_ROUND[label])
        # Check that both produce the same format before timing them.
        blob = runtime.cipher.encrypt(
            key, table="members", column="given_name", row_id=values[0][0], value=values[0][1]
        )
        assert len(blob) == 1 + 4 + 12 + size + 16
        ours: list[float] = []
        base: list[float] = []
        for round_no in range(ROUNDS):
            # Alternate which goes first, so neither always runs on a warmer cache.
            if round_no % 2:
                base.append(raw_loop(raw_key, key.key_id, values))
                ours.append(through_cipher(runtime.cipher, key, values))
            else:
                ours.append(through_cipher(runtime.cipher, key, values))
                base.append(raw_loop(raw_key, key.key_id, values))
        ratios = [o / b for o, b in zip(ours, base, strict=True)]
        rows.append(
            (label, statistics.median(ours), statistics.median(base), statistics.median(ratios))
        )
    return rows


async def seed_keys(runtime: Runtime, count: int) -> None:
    cipher = runtime.cipher
    version = cipher.kek.active_version
    now = utcnow()
    batch: list[dict[str, object]] = []
    for _ in range(count):
        owner = new_id()
        wrapped = cipher.kek.wrap(version, os.urandom(32), wrap_aad(version, "file", owner, 1))
        batch.append(
            {
                "owner_kind": "file",
                "owner_id": owner,
                "generation": 1,
                "status": KEY_ACTIVE,
                "kek_version": version,
                "wrapped_key": wrapped,
                "created_at": now,
            }
        )
        if len(batch) == 5000:
            async with transaction(runtime.sessions) as session:
                await session.execute(insert(DataKeyRecord), batch)
            batch = []
    if batch:
        async with transaction(runtime.sessions) as session:
            await session.execute(insert(DataKeyRecord), batch)


def in_memory_rewrap(count: int) -> float:
    old, new = AESGCM(os.urandom(32)), AESGCM(os.urandom(32))
    owner = new_id()
    items = []
    for _ in range(count):
        nonce = os.urandom(12)
        items.append(nonce + old.encrypt(nonce, os.urandom(32), wrap_aad(1, "file", owner, 1)))
    start = time.perf_counter()
    for wrapped in items:
        raw = old.decrypt(wrapped[:12], wrapped[12:], wrap_aad(1, "file", owner, 1))
        nonce = os.urandom(12)
        new.encrypt(nonce, raw, wrap_aad(2, "file", owner, 1))
    return count / (time.perf_counter() - start)


async def rewrap_rate(settings: Settings, count: int) -> float:
    runtime = Runtime.build(settings)
    try:
        await seed_keys(runtime, count)
        start = time.perf_counter()
        report = await rotate_kek(runtime.sessions, runtime.cipher, batch_size=1000)
        elapsed = time.perf_counter() - start
        assert report.ok and report.rewrapped >= count, report
        return count / elapsed
    finally:
        await runtime.close()


def settings_for(tmp: Path, url: str) -> Settings:
    init_keys(tmp / "keys")
    migrate.upgrade(url)
    return Settings(data_dir=tmp, database_url=url, key_dir=tmp / "keys")


async def pg_database(admin_url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", help="admin URL, e.g. postgresql://postgres@127.0.0.1/postgres"
    )
    parser.add_argument("--keys", type=int, default=REWRAP_KEYS)
    args = parser.parse_args(argv)

    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = settings_for(tmp, f"sqlite+aiosqlite:///{tmp / 'bench.db'}")

        async def throughput() -> list[tuple[str, float, float, float]]:
            runtime = Runtime.build(settings)
            try:
                return await field_throughput(runtime)
            finally:
                await runtime.close()

        table = asyncio.run(throughput())
        memory = in_memory_rewrap(args.keys)
        sqlite_rate = asyncio.run(rewrap_rate(settings, args.keys))
        pg_rate: float | None = None
        if args.postgres:
            name = f"zorg_bench_{uuid.uuid4().hex[:8]}"
            asyncio.run(pg_database(args.postgres, f'CREATE DATABASE "{name}"'))
            try:
                url = args.postgres.replace("postgresql://", "postgresql+asyncpg://", 1)
                url = url.rsplit("/", 1)[0] + "/" + name
                pg_tmp = tmp / "pg"
                pg_tmp.mkdir()
                pg_rate = asyncio.run(rewrap_rate(settings_for(pg_tmp, url), args.keys))
            finally:
                asyncio.run(pg_database(args.postgres, f'DROP DATABASE "{name}" WITH (FORCE)'))

    lines.append("# Field encryption and KEK rotation")
    lines.append("")
    lines.append(
        f"`python bench/crypto_bench.py{' --postgres …' if args.postgres else ''}` — "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU(s), "
        f"{time.strftime('%Y-%m-%d')}."
    )
    lines.append("")
    lines.append("## Encrypt + decrypt round trips per second")
    lines.append("")
    lines.append(
        f"CPU time of this process (other load on the machine does not count); medians of "
        f"{ROUNDS} interleaved rounds, the ratio being the median of the per-round ratios."
    )
    lines.append("")
    lines.append("| value size | FieldCipher | raw AESGCM loop | ratio (goal ≥ 0.7) |")
    lines.append("|---|---:|---:|---:|")
    for label, ours, base, ratio in table:
        lines.append(f"| {label} | {ours:,.0f} | {base:,.0f} | {ratio:.2f} |")
    lines.append("")
    lines.append(f"## KEK rotation: rewrapping {args.keys:,} data keys")
    lines.append("")
    lines.append("Wall-clock time (includes the database).")
    lines.append("")
    lines.append("| path | keys per second | seconds |")
    lines.append("|---|---:|---:|")
    lines.append(
        f"| in memory: unwrap + wrap only (baseline) | {memory:,.0f} | {args.keys / memory:.2f} |"
    )
    lines.append(
        f"| `rotate_kek`, SQLite (batches of 1000) | {sqlite_rate:,.0f} | "
        f"{args.keys / sqlite_rate:.2f} |"
    )
    if pg_rate is not None:
        lines.append(
            f"| `rotate_kek`, PostgreSQL (batches of 1000) | {pg_rate:,.0f} | "
            f"{args.keys / pg_rate:.2f} |"
        )
    text = "\n".join(lines) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
