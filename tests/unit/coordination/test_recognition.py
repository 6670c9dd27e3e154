"""The label and the name index value: what a worker reads and what a search compares."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zorgafstemming.coordination.recognition import (
    display_label,
    municipality_of,
    name_index_value,
    normalise_family_name,
)


def test_case_accents_spaces_hyphens_and_apostrophes_are_forgiven() -> None:
    same = {
        normalise_family_name(n)
        for n in ("Van den Broeck-D'Hondt", "van den broeck d'hondt", "VANDENBROECK-DHONDT")
    }
    assert same == {"vandenbroeckdhondt"}
    assert normalise_family_name("Ségers") == normalise_family_name("Segers")
    assert normalise_family_name("Peeters") != normalise_family_name("Peters")  # no fuzziness


def test_the_birth_year_is_part_of_the_value() -> None:
    assert name_index_value("Peeters", 2015) == "peeters|2015"
    assert name_index_value("Peeters", 2015) != name_index_value("Peeters", 2016)
    assert name_index_value("--- '", 2015) is None


@given(st.text(max_size=40))
def test_normalising_twice_changes_nothing(name: str) -> None:
    once = normalise_family_name(name)
    assert normalise_family_name(once) == once
    assert once == "" or once.isascii()


def test_the_municipality_follows_the_postcode() -> None:
    assert municipality_of("Kerkstraat 1, 2980 Zoersel") == "Zoersel"
    assert municipality_of("Dorp 3 bus 2, 2970  Schilde") == "Schilde"
    assert municipality_of("Kerkstraat 1") is None
    assert municipality_of(None) is None


def test_the_label_names_the_family_and_its_municipality() -> None:
    assert display_label(["Peeters", "peeters", "Janssens"], "Zoersel") == (
        "Gezin Peeters / Janssens — Zoersel"
    )
    assert display_label(["Peeters"], None) == "Gezin Peeters"
    assert display_label(["A", "B", "C"], None) == "Gezin A / B e.a."
    assert display_label([], "Zoersel") is None
