"""Access and portability requests are answered by the family's export: a fixed note with no
personal data, and the links in the order the right asks for (portability: the machine-readable
file first)."""

from __future__ import annotations

import pytest

from zorgafstemming.rights import rules
from zorgafstemming.web.rights_labels import MACHINE_READABLE, PRINTABLE, export_links


@pytest.mark.parametrize("kind", rules.KINDS)
def test_only_access_and_portability_have_a_fixed_answer(kind: str) -> None:
    note = rules.fixed_answer_note(kind)
    if kind in ("access", "portability"):
        assert note is not None and "Mijn gegevens" in note
    else:
        assert note is None


@pytest.mark.parametrize("status", rules.STATUSES)
@pytest.mark.parametrize("kind", rules.KINDS)
def test_the_export_is_linked_once_an_access_or_portability_request_is_answered(
    kind: str, status: str
) -> None:
    expected = kind in ("access", "portability") and status == "answered"
    assert rules.links_export(kind, status) is expected


def test_portability_links_the_machine_readable_file_first_access_the_printable_page() -> None:
    assert export_links("portability") == [MACHINE_READABLE, PRINTABLE]
    assert export_links("access") == [PRINTABLE, MACHINE_READABLE]
    assert MACHINE_READABLE.href == "/mijn/gegevens.json" and MACHINE_READABLE.download
    assert PRINTABLE.href == "/mijn/inzage" and not PRINTABLE.download
