"""The identity commands: users create|disable|reset-mfa|invite, policies check, demo seed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from zorgafstemming.paths import policies_dir


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zorgafstemming", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {"ZORG_DATA_DIR": str(tmp_path / "var")}
    assert run(["init"], env).returncode == 0
    return env


def test_users_commands(env: dict[str, str]) -> None:
    created = run(
        ["users", "create", "--role", "admin", "--email", "Eerste@Beheer.test", "--json"], env
    )
    assert created.returncode == 0, created.stderr
    body = json.loads(created.stdout)
    # The link goes by mail to the account's own address; it is printed only on request.
    assert body["status"] == "invited" and body["account_id"]
    assert "activation_link" not in body and "code=" not in created.stdout
    again = run(["users", "create", "--role", "dpo", "--email", "eerste@beheer.test"], env)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "exists" in again.stderr
    assert "Traceback" not in again.stderr
    missing_org = run(["users", "create", "--role", "social_worker", "--email", "a@b.test"], env)
    assert missing_org.returncode == 1 and "organisation_id" in missing_org.stderr
    reset = run(["users", "reset-mfa", "eerste@beheer.test", "--json", "--print-link"], env)
    assert reset.returncode == 0, reset.stderr
    link = json.loads(reset.stdout)["activation_link"]
    assert link.startswith("http://127.0.0.1:8000/activeren?code=")
    family = run(["users", "create", "--role", "family", "--email", "f@b.test"], env)
    assert family.returncode == 2  # not a choice: family accounts come from a file
    disabled = run(["users", "disable", body["account_id"]], env)
    assert disabled.returncode == 0 and "disabled" in disabled.stdout
    unknown = run(["users", "disable", "niemand@nergens.test"], env)
    assert unknown.returncode == 1 and "no account" in unknown.stderr
    assert "niemand" not in unknown.stderr


def test_policies_check(tmp_path: Path) -> None:
    ok = run(["policies", "check", "--json"], {})
    assert ok.returncode == 0, ok.stderr
    assert "admin-manages-accounts" in json.loads(ok.stdout)["policies"]
    broken = tmp_path / "policies"
    shutil.copytree(policies_dir(), broken)
    (broken / "zz.cedar").write_text('permit(principal, action == Action::"nope", resource);')
    bad = run(["policies", "check"], {"ZORG_POLICIES_DIR": str(broken)})
    assert bad.returncode == 1
    assert "policies are invalid" in bad.stderr and "zz.cedar" in bad.stderr


def test_demo_seed_prints_accounts(env: dict[str, str]) -> None:
    seeded = run(["demo", "seed", "--json"], env)
    assert seeded.returncode == 0, seeded.stderr
    accounts = json.loads(seeded.stdout)["accounts"]
    assert {a["role"] for a in accounts} == {"admin", "dpo", "social_worker", "family"}
    assert all(a["password"] and a["totp_secret"] and a["email"] for a in accounts)
    refused = run(["demo", "seed"], {**env, "ZORG_DEMO": "false"})
    assert refused.returncode == 1 and "demo" in refused.stderr


def test_users_create_makes_a_coordinator_of_a_social_worker_only(env: dict[str, str]) -> None:
    assert run(["demo", "seed", "--json"], env).returncode == 0  # the demo organisations
    made = run(
        [
            "users",
            "create",
            "--role",
            "social_worker",
            "--email",
            "coordinator@caw.test",
            "--organisation",
            "caw-de-kempen",
            "--coordinator",
            "--json",
        ],
        env,
    )
    assert made.returncode == 0, made.stderr
    body = json.loads(made.stdout)
    assert body["is_coordinator"] is True
    database = Path(env["ZORG_DATA_DIR"]) / "zorgafstemming.db"
    with closing(sqlite3.connect(database)) as db:
        flags = dict(db.execute("SELECT id, is_coordinator FROM accounts").fetchall())
    assert flags[body["account_id"].replace("-", "")] == 1
    plain = run(
        [
            "users",
            "create",
            "--role",
            "social_worker",
            "--email",
            "w@caw.test",
            "--organisation",
            "caw-de-kempen",
            "--json",
        ],
        env,
    )
    assert json.loads(plain.stdout)["is_coordinator"] is False
    refused = run(
        ["users", "create", "--role", "dpo", "--email", "fg@caw.test", "--coordinator"], env
    )
    assert refused.returncode == 1 and "coordinator" in refused.stderr
    assert "Traceback" not in refused.stderr
