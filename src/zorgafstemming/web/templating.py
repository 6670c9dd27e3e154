"""Jinja templates of the web interface: autoescaping on, Dutch (nl-BE) formatting helpers."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig

from zorgafstemming.dutch import dutch_date, dutch_datetime
from zorgafstemming.web.date_input import PATTERN as DATE_PATTERN
from zorgafstemming.web.date_input import show_day

TEMPLATE_DIR = Path(__file__).parent / "templates"


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
    env.filters["dag"] = show_day
    env.globals["date_pattern"] = DATE_PATTERN
    return env


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    """The Litestar template configuration for the web interface."""
    return TemplateConfig(engine=JinjaTemplateEngine.from_environment(build_environment()))
