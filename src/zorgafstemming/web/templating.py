"""Jinja templates of the web interface: autoescaping on, Dutch (nl-BE) formatting helpers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig

TEMPLATE_DIR = Path(__file__).parent / "templates"
BRUSSELS = ZoneInfo("Europe/Brussels")

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_datetime(value: datetime | None) -> str:
    """Format a UTC moment as Belgian local time, e.g. ``3 maart 2026 om 14:05``."""
    if value is None:
        return "—"
    local = value.astimezone(BRUSSELS)
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} om {local:%H:%M}"


def dutch_date(value: datetime | date | None) -> str:
    """Format a moment or date as a Belgian calendar day, e.g. ``3 maart 2026``."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone(BRUSSELS)
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def build_environment() -> Environment:
    """The Jinja environment: HTML autoescaped, undefined names fail loudly instead of blanking."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum_tijd"] = dutch_datetime
    env.filters["datum"] = dutch_date
    return env


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """The Litestar template configuration for the web interface."""
    return TemplateConfig(engine=JinjaTemplateEngine.from_environment(build_environment()))
