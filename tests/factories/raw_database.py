"""What a database holds outside the service: every cell over a plain connection and a dump.

The canary tests search these for personal data that should only ever be stored encrypted.
"""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]  # asyncpg ships no type information


def raw_sqlite(path: str) -> tuple[bytes, bytes, bytes]:
    """(every cell over a plain connection, the .dump, the files on disk)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        cells = bytearray()
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for cell in row:
                    cells += cell if isinstance(cell, bytes) else str(cell).encode()
                    cells += b"\n"
        dump = "\n".join(conn.iterdump()).encode()
    finally:
        conn.close()
    on_disk = b"".join(
        Path(path + suffix).read_bytes() for suffix in ("", "-wal") if Path(path + suffix).exists()
    )
    return bytes(cells), dump, on_disk


async def raw_postgres(url: str) -> tuple[bytes, bytes]:
    """(every cell over a plain connection, the pg_dump output)."""
    dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    conn = await asyncpg.connect(dsn)
    try:
        tables = [
            r["tablename"]
            for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        ]
        cells = bytearray()
        for table in tables:
            for row in await conn.fetch(f'SELECT * FROM "{table}"'):
                for cell in row.values():
                    cells += cell if isinstance(cell, bytes) else str(cell).encode()
                    cells += b"\n"
    finally:
        await conn.close()
    dumped = await asyncio.to_thread(
        subprocess.run,
        ["/usr/bin/pg_dump", "--no-owner", dsn],
        capture_output=True,
        timeout=60,
        check=True,
    )
    dump = dumped.stdout
    return bytes(cells), dump
