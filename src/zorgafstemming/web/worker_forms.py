"""The social worker's forms: the guided open-a-file form read into a request, and the
service's field errors turned into Dutch messages per form field."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Any

import msgspec

from zorgafstemming.coordination.schemas import EntryIn
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.problems import ProblemError
from zorgafstemming.web import labels
from zorgafstemming.web.forms import FormData

MEMBER_ROWS = 4
NOTICE_VERSION = "2026-1"
PATH_INDEX = re.compile(r"\[(\d+)\]")

# Dutch messages per form field (by the service's field name); the service's English is never
# shown to people.
MEMBER_MESSAGES = {
    "ref": "Dit gezinslid staat er twee keer in.",
    "role": "Kies de rol van dit gezinslid in het gezin.",
    "given_name": "Vul de voornaam in.",
    "family_name": "Vul de familienaam in.",
    "birth_date": "Vul een geldige geboortedatum in (niet in de toekomst).",
    "insz": "Dit rijksregisternummer klopt niet. Controleer de 11 cijfers.",
    "address": "Controleer het adres.",
    "phone": "Gebruik enkel cijfers, spaties en + ( ) . / -.",
    "email": "Vul een geldig e-mailadres in, of laat het leeg.",
    "": "Dit gezinslid staat er twee keer in, of de naam is leeg.",
}
CONSENT_MESSAGES = {
    "given_by": "Kies wie de toestemming geeft.",
    "members": (
        "Een jongere vanaf 12 jaar geeft zelf toestemming; een ouder of voogd geeft toestemming "
        "voor een kind jonger dan 12. Kies de gezinsleden waarvoor deze persoon mag beslissen."
    ),
    "recipients": "Kies de organisaties die de gegevens mogen gebruiken.",
    "purposes": "Kies minstens één doel.",
    "categories": "Kies minstens één soort gegevens.",
    "legal_basis": "Kies de rechtsgrond.",
    "collection_method": "Kies hoe de toestemming werd gegeven.",
    "notice_version": "Vul de versie van de privacyverklaring in.",
    "valid_until": "Kies een einddatum in de toekomst, hoogstens drie jaar na vandaag.",
    "valid_from": "Kies een begindatum die niet ver in de toekomst ligt.",
    "evidence_hash": "Controleer het bewijs.",
}
ENTRY_MESSAGES = {
    "kind": "Kies het soort notitie.",
    "category": "Kies een soort gegevens die bij deze notitie past.",
    "about": "Kies over welke gezinsleden deze notitie gaat.",
    "body": "Schrijf de notitie (hoogstens 20 000 tekens).",
}


def end_of_day(value: str) -> datetime | None:
    """A date from a date field as the end of that day in UTC (None when not a date)."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.combine(day, time(23, 59), tzinfo=UTC)


def file_create_errors(problems: list[tuple[str, str]]) -> dict[str, str]:
    """Form fields and Dutch messages for service field paths like ``members[1].insz``."""
    errors: dict[str, str] = {}
    for path, _ in problems:
        indexes = [int(i) for i in PATH_INDEX.findall(path)]
        parts = PATH_INDEX.sub("", path).lstrip("$.").split(".")
        if parts[0] == "members":
            name = parts[1] if len(parts) > 1 else ""
            row = indexes[0] + 1 if indexes else 1
            field = name if name in MEMBER_MESSAGES and name not in ("", "ref") else "given_name"
            errors.setdefault(f"m{row}_{field}", MEMBER_MESSAGES.get(name, MEMBER_MESSAGES[""]))
        elif parts[0] == "consents":
            name = parts[1] if len(parts) > 1 else "recipients"
            errors.setdefault(
                f"c_{name}", CONSENT_MESSAGES.get(name, CONSENT_MESSAGES["recipients"])
            )
    return errors or {"c_recipients": CONSENT_MESSAGES["recipients"]}


def problem_fields(exc: ProblemError) -> list[tuple[str, str]]:
    """The (field path, message) pairs of a validation problem."""
    items = exc.extra.get("errors", []) if isinstance(exc.extra, dict) else []
    return [
        (str(i.get("field", "")), str(i.get("message", ""))) for i in items if isinstance(i, dict)
    ]


def msgspec_path(exc: msgspec.ValidationError) -> str:
    """The field path of a msgspec validation error (``... - at `$.members[0].email```)."""
    text = str(exc)
    return text.rsplit("at `", 1)[1].rstrip("`") if "at `" in text else ""


def build_file_create(form: FormData) -> tuple[dict[str, Any], dict[str, str]]:
    """The open-a-file request from the guided form, or Dutch errors per field."""
    errors: dict[str, str] = {}
    members: list[dict[str, Any]] = []
    for row in range(1, MEMBER_ROWS + 1):
        values = {name: form.get(f"m{row}_{name}") for name in labels.MEMBER_FIELDS}
        if not any(values.values()):
            continue  # an empty row: fewer members
        member: dict[str, Any] = {"ref": f"m{row}", "role": form.get(f"m{row}_role")}
        for name, value in values.items():
            if value or name in ("given_name", "family_name", "birth_date"):
                member[name] = value
        if not member["role"]:
            errors[f"m{row}_role"] = MEMBER_MESSAGES["role"]
        for name in ("given_name", "family_name", "birth_date"):
            if not values[name]:
                errors[f"m{row}_{name}"] = MEMBER_MESSAGES[name]
        members.append(member)
    if not members:
        errors["m1_given_name"] = "Vul minstens één gezinslid in."
    valid_until = end_of_day(form.get("c_valid_until"))
    if valid_until is None:
        errors["c_valid_until"] = CONSENT_MESSAGES["valid_until"]
    consent: dict[str, Any] = {
        "given_by": form.get("c_given_by"),
        "members": form.getall("c_members"),
        "recipients": form.getall("c_recipients"),
        "purposes": form.getall("c_purposes"),
        "categories": form.getall("c_categories"),
        "legal_basis": form.get("c_legal_basis") or "consent",
        "collection_method": form.get("c_collection_method"),
        "notice_version": form.get("c_notice_version") or NOTICE_VERSION,
        "valid_until": valid_until.isoformat() if valid_until else None,
    }
    for name in ("given_by", "members", "recipients", "purposes", "categories"):
        if not consent[name]:
            errors[f"c_{name}"] = CONSENT_MESSAGES[name]
    if not consent["collection_method"]:
        errors["c_collection_method"] = CONSENT_MESSAGES["collection_method"]
    return {"members": members, "consents": [consent]}, errors


def category_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(c, vocab.labels.get(c, c)) for c in vocab.categories]


def purpose_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(p, vocab.labels.get(p, p)) for p in sorted(vocab.purposes)]


def entry_form(form: FormData) -> tuple[EntryIn | None, dict[str, str], dict[str, Any]]:
    """The journal entry of the entry form, or Dutch errors per field; and the values to echo."""
    echo: dict[str, Any] = {
        **form.echo("kind", "category", "body"),
        "about": form.getall("about"),
        "confidential": form.get("confidential") == "ja",
    }
    errors: dict[str, str] = {}
    if not form.get("body"):
        errors["body"] = ENTRY_MESSAGES["body"]
    if not form.getall("about"):
        errors["about"] = ENTRY_MESSAGES["about"]
    if not form.get("kind"):
        errors["kind"] = ENTRY_MESSAGES["kind"]
    if errors:
        return None, errors, echo
    try:
        data = msgspec.convert(
            {
                "kind": form.get("kind"),
                "category": form.get("category") or None,
                "about": form.getall("about"),
                "body": form.get("body"),
                "confidential": form.get("confidential") == "ja",
            },
            EntryIn,
        )
    except msgspec.ValidationError as exc:
        name = PATH_INDEX.sub("", msgspec_path(exc)).lstrip("$.") or "body"
        errors[name if name in ENTRY_MESSAGES else "body"] = ENTRY_MESSAGES.get(
            name, ENTRY_MESSAGES["body"]
        )
        return None, errors, echo
    return data, errors, echo


def entry_errors(exc: ProblemError) -> dict[str, str]:
    """Dutch messages per entry-form field for the service's field errors."""
    errors: dict[str, str] = {}
    for path, _ in problem_fields(exc):
        name = PATH_INDEX.sub("", path)
        errors.setdefault(
            name if name in ENTRY_MESSAGES else "body",
            ENTRY_MESSAGES.get(name, ENTRY_MESSAGES["body"]),
        )
    return errors
