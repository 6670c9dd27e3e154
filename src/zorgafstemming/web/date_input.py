"""Dates as people in Flanders type them: ``dd/mm/jjjj`` in a text field (a date picker shows
``mm/dd/yyyy`` in an English browser), read on the server with a clear Dutch error."""

from __future__ import annotations

import re
from datetime import date

from zorgafstemming.bounds import check_date

# What the field's pattern attribute and the server accept: day, month, year; a slash, dash or
# full stop between them. The server also takes an ISO date (a value echoed from an older form).
PATTERN = r"\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}\s*"
_DUTCH = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
HINT = "Typ de datum als dd/mm/jjjj, bijvoorbeeld 03/09/2018."
ERROR = "Vul een bestaande datum in als dd/mm/jjjj, bijvoorbeeld 03/09/2018."
# For a filter's period: any day the service keeps (the accepted years, see ``bounds``).
FILTER_ERROR = "Vul een datum in als dd/mm/jjjj, tussen 1900 en 2200."


def parse_day(text: str | None) -> date | None:
    """The date typed as ``dd/mm/jjjj`` (or ISO ``jjjj-mm-dd``); None when it is no date or
    lies outside the accepted years."""
    if not text:
        return None
    if found := _DUTCH.match(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _ISO.match(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        return None
    try:
        return check_date(date(year, month, day))
    except ValueError:
        return None


def show_day(value: date | str | None) -> str:
    """A date as ``dd/mm/jjjj`` (an ISO text is read first); empty for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        parsed = parse_day(value)
        if parsed is None:
            return value  # what the person typed, shown back as typed
        value = parsed
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
