"""How many server processes ``zorgafstemming serve`` runs: several on PostgreSQL, one on
SQLite (a clear refusal when more are asked for)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zorgafstemming.cli import serve_workers
from zorgafstemming.commands import CliError
from zorgafstemming.config import Settings

POSTGRES = "postgresql+asyncpg://zorg@db.example/zorg"


def settings(tmp_path: Path, url: str = "") -> Settings:
    return Settings(data_dir=tmp_path, database_url=url)


def test_sqlite_serves_from_one_process(tmp_path: Path) -> None:
    assert serve_workers(settings(tmp_path), None) == 1
    assert serve_workers(settings(tmp_path), 1) == 1


def test_sqlite_refuses_more_workers_and_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CliError, match="PostgreSQL"):
        serve_workers(settings(tmp_path), 2)


def test_postgresql_runs_one_process_per_cpu_unless_told(tmp_path: Path) -> None:
    assert serve_workers(settings(tmp_path, POSTGRES), None) == len(os.sched_getaffinity(0))
    assert serve_workers(settings(tmp_path, POSTGRES), 3) == 3
    with pytest.raises(CliError, match="at least 1"):
        serve_workers(settings(tmp_path, POSTGRES), 0)
