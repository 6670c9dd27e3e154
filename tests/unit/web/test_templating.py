"""Template environment: Dutch dates in Belgian time, and HTML escaped by default."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from jinja2 import UndefinedError

from zorgafstemming.dutch import dutch_date, dutch_datetime
from zorgafstemming.web.templating import build_environment


def test_dates_are_dutch_in_belgian_local_time() -> None:
    winter = datetime(2026, 1, 5, 23, 30, tzinfo=UTC)
    summer = datetime(2026, 7, 14, 8, 5, tzinfo=UTC)
    assert dutch_datetime(winter) == "6 januari 2026 om 00:30"
    assert dutch_datetime(summer) == "14 juli 2026 om 10:05"
    assert dutch_date(winter) == "6 januari 2026"
    assert dutch_datetime(None) == "—"


def test_values_are_escaped_and_missing_names_fail() -> None:
    env = build_environment()
    out = env.from_string("<p>{{ name }}</p>").render(name='<script>alert("x")</script>')
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
