"""Typed settings from ``ZORG_*`` environment variables and an optional TOML file.

Precedence: environment variable, then the TOML file named by ``ZORG_CONFIG``, then the
default. Production start-up refuses insecure settings (see :func:`insecure_settings`, and
``zorgafstemming.preflight`` for the check that adds the key files).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

Environment = Literal["development", "production"]


class ConfigError(Exception):
    """Settings are invalid or insecure; the message names every problem."""


@dataclass(frozen=True)
class Settings:
    """All runtime settings of the service."""

    env: Environment = "development"
    data_dir: Path = Path("var")
    database_url: str = ""
    key_dir: Path | None = None
    kek_env_var: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "testserver", "testserver.local")
    trusted_proxies: tuple[str, ...] = ()
    cookie_secure: bool = True
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    openapi_enabled: bool | None = None
    demo: bool | None = None
    debug: bool = False
    max_body_bytes: int = 1_048_576
    log_level: str = "INFO"
    db_pool_size: int = 10
    password_hash_threads: int = 2
    scheduler_enabled: bool = True
    # How often the fleet runs the retention purge: once per period across all instances.
    retention_period_seconds: int = 3600
    # The KEK on a PKCS#11 token (an HSM) instead of a key file: the module (the vendor's
    # library), the token's label and the label of the KEK objects on it. The user PIN comes
    # from ``kek_pkcs11_pin_file`` (mode 0600) or the variable ZORG_KEK_PKCS11_PIN, never here.
    kek_pkcs11_module: Path | None = None
    kek_pkcs11_token: str = ""
    kek_pkcs11_key_label: str = "zorgafstemming-kek"
    kek_pkcs11_pin_file: Path | None = None
    # Unwrapped data keys stay in memory at most this long (and never past a shred or rewrap).
    data_key_cache_seconds: int = 300
    # Files purged per transaction by a retention run (one statement per table per batch).
    retention_batch_size: int = 200
    # The deletion ledger (append-only, signed; outside the database and its backups). Several
    # instances must share it; default: ``<data_dir>/deletion-ledger.jsonl``.
    ledger_path: Path | None = None
    # Links in pages and mails are built from this, never from the request's Host header.
    public_base_url: str = "http://127.0.0.1:8000"
    # Outbound mail: an smtp:// URL (STARTTLS is required; smtps:// for TLS from the start) and
    # the sender address. Without a URL, mail is written to ``mail_dir`` (one .eml file each) —
    # development only. ``smtp_ca_file``: trust only this CA bundle for the SMTP server (a
    # private relay); unset, the system's CAs.
    smtp_url: str = ""
    mail_from: str = ""
    mail_dir: Path | None = None
    smtp_ca_file: Path | None = None
    # /health/ready fails when a SQLite database has less room than this (disk or page limit).
    min_free_disk_mb: int = 64
    # Prometheus metrics on their own listener (``serve``), never on the public port; 0: off.
    metrics_port: int = 0
    metrics_host: str = "127.0.0.1"
    # How long an emergency grant gives a worker read access to one file (ZORG_EMERGENCY_HOURS).
    emergency_hours: int = 24
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def keys_path(self) -> Path:
        """Folder holding the key files."""
        return self.key_dir if self.key_dir is not None else self.data_dir / "keys"

    @property
    def deletion_ledger_path(self) -> Path:
        """The deletion ledger file (see :mod:`zorgafstemming.retention.ledger`)."""
        return (
            self.ledger_path
            if self.ledger_path is not None
            else self.data_dir / "deletion-ledger.jsonl"
        )

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'zorgafstemming.db').resolve()}"

    @property
    def mail_path(self) -> Path:
        """Folder of the .eml files written when no SMTP server is configured."""
        return self.mail_dir if self.mail_dir is not None else self.data_dir / "mail"

    @property
    def openapi_on(self) -> bool:
        return self.openapi_enabled if self.openapi_enabled is not None else not self.is_production

    @property
    def demo_on(self) -> bool:
        """Demo data allowed: on by default in development, never implied in production."""
        return self.demo if self.demo is not None else not self.is_production


_BOOL_TRUE = {"1", "true", "yes", "on"}
_BOOL_FALSE = {"0", "false", "no", "off"}


def _convert(name: str, raw: Any, target: Any) -> Any:
    text_type = str(target)
    if isinstance(raw, str):
        if "bool" in text_type:
            low = raw.strip().lower()
            if low in _BOOL_TRUE:
                return True
            if low in _BOOL_FALSE:
                return False
            if "None" in text_type and low in {"", "auto"}:
                return None
            raise ConfigError(f"{name}: expected true or false, got {raw!r}")
        if text_type == "int":
            try:
                return int(raw)
            except ValueError:
                raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None
        if "tuple" in text_type:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if "Path" in text_type:
            return Path(raw) if raw else None
        return raw
    if "tuple" in text_type and isinstance(raw, list):
        return tuple(str(x) for x in raw)
    if "Path" in text_type and raw is not None:
        return Path(str(raw))
    return raw


def read_toml(path: str | Path, error: Callable[[str], Exception]) -> dict[str, Any]:
    """The table of a TOML file; an unreadable or invalid file raises ``error(reason)``."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise error(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path} is not valid TOML: {exc}") from None


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from the environment (and ``ZORG_CONFIG`` TOML file), then overrides."""
    env = dict(os.environ if environ is None else environ)
    file_values: dict[str, Any] = {}
    config_file = env.get("ZORG_CONFIG")
    if config_file:
        file_values = read_toml(config_file, lambda reason: ConfigError(f"ZORG_CONFIG: {reason}"))
    values: dict[str, Any] = {}
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(file_values) - set(known))
    if unknown:
        raise ConfigError(f"ZORG_CONFIG: unknown settings: {', '.join(unknown)}")
    for name, f in known.items():
        if name == "extra":
            continue
        env_name = f"ZORG_{name.upper()}"
        if env_name in env:
            values[name] = _convert(env_name, env[env_name], f.type)
        elif name in file_values:
            values[name] = _convert(name, file_values[name], f.type)
    if "env" in values and values["env"] not in ("development", "production"):
        raise ConfigError(f"ZORG_ENV: expected development or production, got {values['env']!r}")
    settings = Settings(**values)
    settings = replace(settings, **overrides) if overrides else settings
    if not 1 <= settings.emergency_hours <= 72:
        # An emergency grant is a short bridge, never standing access.
        raise ConfigError("ZORG_EMERGENCY_HOURS: expected 1 to 72 hours")
    return settings


def insecure_settings(settings: Settings) -> list[str]:
    """Every reason these settings, key files aside, are unsafe for production (empty if none)."""
    problems: list[str] = []
    if settings.demo_on:
        problems.append("demo data is on (ZORG_DEMO must be false in production)")
    if settings.debug:
        problems.append("debug is on (ZORG_DEBUG must be false in production)")
    if not settings.cookie_secure:
        problems.append("cookies are not Secure (ZORG_COOKIE_SECURE must be true)")
    if not settings.allowed_hosts or any("*" in host for host in settings.allowed_hosts):
        problems.append("allowed hosts are empty or contain a wildcard (set ZORG_ALLOWED_HOSTS)")
    if not settings.public_base_url.startswith("https://"):
        problems.append("the public base URL is not https (set ZORG_PUBLIC_BASE_URL)")
    if not settings.smtp_url or not settings.mail_from:
        problems.append("outbound mail is not configured (set ZORG_SMTP_URL and ZORG_MAIL_FROM)")
    elif not settings.smtp_url.startswith(("smtp://", "smtps://")):
        problems.append(
            "outbound mail must be encrypted (ZORG_SMTP_URL smtp:// with STARTTLS, or smtps://)"
        )
    if settings.effective_database_url.startswith("sqlite") and settings.db_pool_size < 1:
        problems.append("database pool size must be at least 1")
    return problems
