"""The command line: clear one-line errors, production refusal, init that keeps keys."""

from __future__ import annotations

from pathlib import Path

from tests.factories.cli import run_command as run


def test_init_twice_keeps_keys_and_data(tmp_path: Path) -> None:
    env = {"ZORG_DATA_DIR": str(tmp_path / "var")}
    first = run(["init", "--json"], env)
    assert first.returncode == 0, first.stderr
    key = (tmp_path / "var" / "keys" / "kek.json").read_bytes()
    assert oct((tmp_path / "var" / "keys" / "kek.json").stat().st_mode & 0o777) == "0o600"
    second = run(["init", "--json"], env)
    assert second.returncode == 0
    assert '"keys_created": []' in second.stdout
    assert '"database_new": false' in second.stdout
    assert (tmp_path / "var" / "keys" / "kek.json").read_bytes() == key


def test_production_serve_refuses_missing_key_file_and_demo(tmp_path: Path) -> None:
    env = {
        "ZORG_DATA_DIR": str(tmp_path / "var"),
        "ZORG_ENV": "production",
        "ZORG_ALLOWED_HOSTS": "zorg.example.be",
    }
    assert run(["init"], {**env, "ZORG_ENV": "development"}).returncode == 0
    (tmp_path / "var" / "keys" / "signing.key").unlink()
    result = run(["serve", "--port", "8599"], {**env, "ZORG_DEMO": "true"})
    assert result.returncode != 0
    assert "signing.key" in result.stderr and "missing" in result.stderr
    assert "demo data" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_config_production_lists_problems(tmp_path: Path) -> None:
    env = {"ZORG_DATA_DIR": str(tmp_path / "var"), "ZORG_COOKIE_SECURE": "false"}
    result = run(["check-config", "--production"], env)
    assert result.returncode == 1
    assert "not Secure" in result.stdout
    assert "kek.json is missing" in result.stdout


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        "ZORG_DATA_DIR": str(tmp_path / "var"),
        "ZORG_DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none",
    }
    result = run(["db", "current"], env)
    assert result.returncode != 0
    assert "cannot reach the database" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_arguments_exit_non_zero() -> None:
    result = run(["db", "sideways"], {})
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
