"""Settings and production refusal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zorgafstemming.config import ConfigError, Settings, load_settings
from zorgafstemming.crypto.keyfiles import init_keys
from zorgafstemming.preflight import production_problems


def test_env_vars_override_defaults(tmp_path: Path) -> None:
    s = load_settings({"ZORG_PORT": "9000", "ZORG_ALLOWED_HOSTS": "a.be, b.be", "ZORG_DEMO": "no"})
    assert s.port == 9000
    assert s.allowed_hosts == ("a.be", "b.be")
    assert s.demo_on is False


def test_toml_file_is_read_and_unknown_keys_refused(tmp_path: Path) -> None:
    cfg = tmp_path / "z.toml"
    cfg.write_text('port = 8123\nenv = "production"\n')
    s = load_settings({"ZORG_CONFIG": str(cfg)})
    assert s.port == 8123 and s.is_production
    cfg.write_text("prot = 1\n")
    with pytest.raises(ConfigError, match="prot"):
        load_settings({"ZORG_CONFIG": str(cfg)})


def test_bad_values_give_clear_errors() -> None:
    with pytest.raises(ConfigError, match="ZORG_PORT"):
        load_settings({"ZORG_PORT": "eighty"})
    with pytest.raises(ConfigError, match="ZORG_ENV"):
        load_settings({"ZORG_ENV": "staging"})


def test_production_problems_name_each_issue(tmp_path: Path) -> None:
    s = Settings(
        env="production", data_dir=tmp_path, demo=True, cookie_secure=False, allowed_hosts=("*",)
    )
    problems = "\n".join(production_problems(s))
    assert "demo data" in problems
    assert "Secure" in problems
    assert "wildcard" in problems
    assert "missing" in problems
    assert "ZORG_SMTP_URL" in problems
    assert "ZORG_PUBLIC_BASE_URL" in problems


def test_production_is_fine_with_private_keys(tmp_path: Path) -> None:
    init_keys(tmp_path / "keys")
    s = Settings(
        env="production",
        data_dir=tmp_path,
        allowed_hosts=("zorg.example.be",),
        public_base_url="https://zorg.example.be",
        smtp_url="smtp://mail.example.be:587",
        mail_from="zorgafstemming@example.be",
    )
    assert production_problems(s) == []
    os.chmod(tmp_path / "keys" / "audit.key", 0o644)
    assert any("group or others" in p for p in production_problems(s))


def test_production_refuses_mail_in_clear(tmp_path: Path) -> None:
    init_keys(tmp_path / "keys")
    s = Settings(
        env="production",
        data_dir=tmp_path,
        allowed_hosts=("zorg.example.be",),
        public_base_url="https://zorg.example.be",
        smtp_url="smtp+insecure://mail.example.be:25",
        mail_from="zorgafstemming@example.be",
    )
    assert [p for p in production_problems(s) if "encrypted" in p] == [
        "outbound mail must be encrypted (ZORG_SMTP_URL smtp:// with STARTTLS, or smtps://)"
    ]


def test_the_smtp_ca_file_is_a_path() -> None:
    s = load_settings({"ZORG_SMTP_CA_FILE": "/etc/zorg/relay-ca.pem"})
    assert s.smtp_ca_file == Path("/etc/zorg/relay-ca.pem")
    assert load_settings({}).smtp_ca_file is None
