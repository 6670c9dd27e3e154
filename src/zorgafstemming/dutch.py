"""Dates as people in Flanders read them (nl-BE, Brussels time), for pages and mails alike."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")

MONTHS = (
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
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} om {local:%H:%M}"


def dutch_date(value: datetime | date | None) -> str:
    """Format a moment or date as a Belgian calendar day, e.g. ``3 maart 2026``."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone(BRUSSELS)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
