"""Recognising a family's file: its display label and the normalised name a search looks for.

Pure functions, tested without a database. The label is built at read time from the members'
decrypted names (and municipality) that the caller's consent covers; nothing of it is stored.
The name index value is what the exact-match blind index on family name + birth year hashes:
case, accents, spaces, hyphens and apostrophes are forgiven, nothing else (no fuzzy matching).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

# The blind index of a member's normalised family name and birth year.
NAME_INDEX = "members.family_name_birth_year"
# The most family names a label shows (a blended family may carry more).
LABEL_NAMES = 2
_NOT_LETTER = re.compile(r"[^a-z0-9]")
# A Belgian postcode followed by the municipality, e.g. "Kerkstraat 1, 2980 Zoersel".
_POSTCODE_PLACE = re.compile(r"\b\d{4}\s+([^\d,;]+?)\s*(?:[,;]|$)")


def normalise_family_name(name: str) -> str:
    """The family name as the index compares it: lower case, no accents, and no spaces,
    hyphens, apostrophes or other marks ("Van den Broeck-D'Hondt" → "vandenbroeckdhondt")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_LETTER.sub("", plain.replace("ß", "ss"))


def name_index_value(family_name: str, birth_year: int) -> str | None:
    """The value the name index hashes for a member, or None when the name has no letters."""
    name = normalise_family_name(family_name)
    if not name:
        return None
    return f"{name}|{birth_year:04d}"


def birth_year_of(birth_date: str | date) -> int:
    """The year of an ISO 8601 birth date (as stored) or a date."""
    if isinstance(birth_date, date):
        return birth_date.year
    return int(birth_date[:4])


def municipality_of(address: str | None) -> str | None:
    """The municipality of a postal address written the Belgian way (postcode, then place),
    or None when the address does not show one."""
    if not address:
        return None
    match = _POSTCODE_PLACE.search(address.strip())
    if match is None:
        return None
    place = " ".join(match.group(1).split())
    return place or None


def display_label(family_names: Iterable[str], municipality: str | None) -> str | None:
    """ "Gezin Peeters — Zoersel": the family names (first seen first, at most two, spelled as
    entered) and the municipality when known; None without a family name."""
    seen: dict[str, str] = {}
    for name in family_names:
        clean = " ".join(name.split())
        key = normalise_family_name(clean)
        if clean and key and key not in seen:
            seen[key] = clean
    if not seen:
        return None
    names = list(seen.values())
    label = "Gezin " + " / ".join(names[:LABEL_NAMES])
    if len(names) > LABEL_NAMES:
        label += " e.a."
    if municipality:
        label += f" — {municipality}"
    return label
