"""The family's access log gathers one request into one visit: a worker who opens the file
reads it and lists its entries, which the family reads as one line, not two."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from zorgafstemming.coordination.service.access_log import AccessLogRow, Verb, visits_of
from zorgafstemming.web.family_pages import part_words

_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_ORG = uuid.uuid4()
_VOCAB = {"case_notes": "Verslagen", "care_plan": "Hulpplan", "health": "Gezondheid"}


def _row(request: str | None, seconds: int, verb: Verb, part: str | None) -> AccessLogRow:
    return AccessLogRow(
        id=uuid.uuid4(),
        at=_AT + timedelta(seconds=seconds),
        organisation_id=_ORG,
        role="social_worker",
        action="coordination:file:read",
        verb=verb,
        part=part,
        request_id=request,
    )


def test_a_file_read_and_its_entry_list_are_one_visit() -> None:
    rows = [  # newest first, as the log reads them
        _row("b", 60, "viewed", "coordination_file"),
        _row("a", 1, "viewed", "care_plan+case_notes"),
        _row("a", 0, "viewed", "coordination_file"),
    ]
    visits = visits_of(rows)
    assert len(visits) == 2
    opened = visits[1]
    assert opened.at == _AT + timedelta(seconds=1)
    assert part_words(opened.parts, _VOCAB) == "het dossier, hulpplan en verslagen"
    assert part_words(visits[0].parts, _VOCAB) == "het dossier"


def test_a_refused_part_makes_the_visit_refused_and_events_without_request_stay_apart() -> None:
    rows = [
        _row("a", 2, "refused", "health"),
        _row("a", 1, "viewed", "coordination_file"),
        _row(None, 0, "changed", "care_plan"),
        _row(None, 0, "changed", "care_plan"),
    ]
    visits = visits_of(rows)
    assert [v.verb for v in visits] == ["refused", "changed", "changed"]
    assert part_words(visits[0].parts, _VOCAB) == "het dossier en gezondheid"
