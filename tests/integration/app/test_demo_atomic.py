"""The demo network commits whole or not at all, and its accounts can be given new credentials
(development only) when the printed ones are lost."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pyotp
import pytest
from httpx import AsyncClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from zorgafstemming import cli
from zorgafstemming.coordination import demo as coordination_demo
from zorgafstemming.demo import DemoRefused, reset_demo_credentials, seed_demo
from zorgafstemming.runtime import Runtime

TABLES = ("organisations", "accounts", "coordination_files", "audit_events")


async def _counts(runtime: Runtime) -> dict[str, int]:
    async with runtime.engine.connect() as conn:
        return {
            table: int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())
            for table in TABLES
        }


async def test_a_seed_broken_half_way_leaves_nothing_and_a_rerun_works(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded_family = coordination_demo._seed_family
    calls = {"n": 0}

    async def family_then_gone(*args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the database goes away after the first family was written
            raise OperationalError("INSERT", {}, ConnectionRefusedError("gone"))
        await seeded_family(*args)

    monkeypatch.setattr(coordination_demo, "_seed_family", family_then_gone)
    with pytest.raises(OperationalError):
        await seed_demo(runtime)
    assert calls["n"] == 2
    assert await _counts(runtime) == dict.fromkeys(TABLES, 0)

    monkeypatch.setattr(coordination_demo, "_seed_family", seeded_family)
    report = await seed_demo(runtime)
    assert report.files == 2
    counts = await _counts(runtime)
    assert counts["organisations"] == 5 and counts["coordination_files"] == 2


async def _token(client: AsyncClient, account: dict[str, Any]) -> int:
    response = await client.post(
        "/api/v1/auth/token",
        json={
            "email": account["email"],
            "password": account["password"],
            "otp": pyotp.TOTP(account["totp_secret"]).now(),
        },
    )
    return response.status_code


async def test_reset_credentials_gives_demo_access_back(
    runtime: Runtime, client: AsyncClient
) -> None:
    seeded = await seed_demo(runtime)
    reset = await reset_demo_credentials(runtime)
    assert [a["email"] for a in reset.accounts] == [a["email"] for a in seeded.accounts]
    old = {a["email"]: a for a in seeded.accounts}
    dpo = next(a for a in reset.accounts if a["role"] == "dpo")
    assert dpo["password"] != old[dpo["email"]]["password"]
    assert dpo["totp_secret"] != old[dpo["email"]]["totp_secret"]
    assert await _token(client, old[dpo["email"]]) == 401
    assert await _token(client, dpo) == 200


async def test_reset_credentials_is_refused_outside_development(runtime: Runtime) -> None:
    with pytest.raises(DemoRefused, match="no"):
        await reset_demo_credentials(runtime)  # nothing seeded yet: says so, changes nothing
    production = dataclasses.replace(runtime.settings, env="production", demo=True)
    with pytest.raises(DemoRefused, match="development"):
        await reset_demo_credentials(dataclasses.replace(runtime, settings=production))


def test_the_command_prints_new_credentials_and_refuses_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ZORG_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("ZORG_DATABASE_URL", raising=False)
    assert cli.main(["init", "--seed-demo-if-new"]) == 0
    capsys.readouterr()
    assert cli.main(["demo", "reset-credentials", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["accounts"]) == 6
    assert all(a["password"] and a["totp_secret"] for a in printed["accounts"])

    monkeypatch.setenv("ZORG_ENV", "production")
    assert cli.main(["demo", "reset-credentials"]) != 0
    captured = capsys.readouterr()
    assert "password" not in captured.out
    assert "error" in captured.err
