"""The social worker's forms: the guided open-a-file form and the record-a-consent form read
into requests (with the scan of the signed form), and the service's field errors turned into
Dutch messages per form field."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, time
from typing import Any

import msgspec
from litestar import Request
from litestar.datastructures import UploadFile

from zorgafstemming.coordination.schemas import MAX_MEMBERS, ConsentIn, EntryIn
from zorgafstemming.coordination.service import evidence
from zorgafstemming.coordination.service.evidence import MAX_EVIDENCE_BYTES, evidence_problem
from zorgafstemming.coordination.vocabulary import vocabulary
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ProblemError
from zorgafstemming.runtime import UnitOfWork
from zorgafstemming.web import labels
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.forms import FormData

MEMBER_ROWS = 4
# The open-a-file form's button that asks for one more member block (no JavaScript needed).
ADD_ROW = "lid-toevoegen"
# Room for a form's own fields next to the scan it carries (the body limit of such a form).
FORM_FIELDS_BYTES = 256 * 1024
# A form with a scan: the scan's 10 MB and the form's own fields.
WITH_SCAN = MAX_EVIDENCE_BYTES + FORM_FIELDS_BYTES
NOTICE_VERSION = "2026-1"
PATH_INDEX = re.compile(r"\[(\d+)\]")

# Dutch messages per form field (by the service's field name); the service's English is never
# shown to people.
MEMBER_MESSAGES = {
    "ref": "Dit gezinslid staat er twee keer in.",
    "role": "Kies de rol van dit gezinslid in het gezin.",
    "given_name": "Vul de voornaam in.",
    "family_name": "Vul de familienaam in.",
    "birth_date": (
        "Vul een bestaande geboortedatum in als dd/mm/jjjj, bijvoorbeeld 03/09/2018 "
        "(niet in de toekomst)."
    ),
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
    "notice_version": "Vul de versie van de privacyverklaring in.",
    "valid_until": (
        "Vul een einddatum in als dd/mm/jjjj, in de toekomst en hoogstens drie jaar na vandaag."
    ),
    "valid_from": "Kies een begindatum vanaf vandaag, niet ver in de toekomst.",
    "evidence": "Voeg het ondertekende formulier toe (PDF, JPEG of PNG, hoogstens 10 MB).",
    "evidence_type": (
        "Het formulier moet een PDF-, JPEG- of PNG-bestand zijn. Scan het formulier opnieuw "
        "of kies een ander bestand."
    ),
    "evidence_size": "Het formulier is groter dan 10 MB. Scan het met een lagere resolutie.",
    "evidence_id": "Voeg het ondertekende formulier opnieuw toe.",
    "renew_until": (
        "Vul een einddatum in als dd/mm/jjjj, na de huidige einddatum en hoogstens drie jaar "
        "na vandaag."
    ),
    "own_recipient": "Vink uw eigen organisatie aan: u registreert wat het gezin u toestemde.",
}
ENTRY_MESSAGES = {
    "kind": "Kies het soort notitie.",
    "category": "Kies een soort gegevens die bij deze notitie past.",
    "about": "Kies over welke gezinsleden deze notitie gaat.",
    "body": "Schrijf de notitie (hoogstens 20 000 tekens).",
    "confidential_reason": "Kies waarom deze notitie niet zichtbaar is voor het gezin.",
}


def _date(value: str) -> date | None:
    """A date from a date field, typed as dd/mm/jjjj (None when not a date)."""
    return parse_day(value)


def member_row_count(form: FormData | None) -> int:
    """How many member blocks the open-a-file form shows: four, or as many as were sent
    (``rijen``), one more when "Gezinslid toevoegen" was pressed; at most ``MAX_MEMBERS``."""
    if form is None:
        return MEMBER_ROWS
    try:
        rows = int(form.get("rijen") or MEMBER_ROWS)
    except ValueError:
        rows = MEMBER_ROWS
    if form.get("actie") == ADD_ROW:
        rows += 1
    return max(MEMBER_ROWS, min(rows, MAX_MEMBERS))


def end_of_day(value: str) -> datetime | None:
    """A date from a date field as the end of that day in UTC (None when not a date)."""
    day = _date(value)
    return None if day is None else datetime.combine(day, time(23, 59), tzinfo=UTC)


def file_create_errors(problems: list[tuple[str, str]]) -> dict[str, str]:
    """Form fields and Dutch messages for service field paths like ``members[1].insz``."""
    errors: dict[str, str] = {}
    for path, message in problems:
        indexes = [int(i) for i in PATH_INDEX.findall(path)]
        parts = PATH_INDEX.sub("", path).lstrip("$.").split(".")
        if parts[0] == "members":
            name = parts[1] if len(parts) > 1 else ""
            row = indexes[0] + 1 if indexes else 1
            field = name if name in MEMBER_MESSAGES and name not in ("", "ref") else "given_name"
            errors.setdefault(f"m{row}_{field}", MEMBER_MESSAGES.get(name, MEMBER_MESSAGES[""]))
        elif parts[0] == "consents":
            name = parts[1] if len(parts) > 1 else "recipients"
            for field, text in consent_errors([(name, message)]).items():
                errors.setdefault(f"c_{field}", text)
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
    for row in range(1, member_row_count(form) + 1):
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
        born = _date(values["birth_date"]) if values["birth_date"] else None
        if values["birth_date"] and born is None:
            errors[f"m{row}_birth_date"] = MEMBER_MESSAGES["birth_date"]
        elif born is not None:
            member["birth_date"] = born.isoformat()
        members.append(member)
    if not members:
        errors["m1_given_name"] = "Vul minstens één gezinslid in."
    consent = consent_fields(form, "c_", errors)
    return {"members": members, "consents": [consent]}, errors


def consent_fields(form: FormData, prefix: str, errors: dict[str, str]) -> dict[str, Any]:
    """What a consent form's fields (named ``prefix`` + field) say, as the service takes it;
    a Dutch message in ``errors`` for each one missing or not a date."""
    valid_until = end_of_day(form.get(f"{prefix}valid_until"))
    if valid_until is None:
        errors[f"{prefix}valid_until"] = CONSENT_MESSAGES["valid_until"]
    consent: dict[str, Any] = {
        "given_by": form.get(f"{prefix}given_by"),
        "members": form.getall(f"{prefix}members"),
        "recipients": form.getall(f"{prefix}recipients"),
        "purposes": form.getall(f"{prefix}purposes"),
        "categories": form.getall(f"{prefix}categories"),
        "legal_basis": form.get(f"{prefix}legal_basis") or "consent",
        "notice_version": form.get(f"{prefix}notice_version") or NOTICE_VERSION,
        "valid_until": valid_until.isoformat() if valid_until else None,
    }
    for name in ("given_by", "members", "recipients", "purposes", "categories"):
        if not consent[name]:
            errors[f"{prefix}{name}"] = CONSENT_MESSAGES[name]
    return consent


async def uploaded_scan(request: Request[Any, Any, Any], name: str) -> bytes | None:
    """The content of the file posted in field ``name`` (None when no file was chosen)."""
    upload = (await request.form()).get(name)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    return await upload.read()


def scan_error(content: bytes | None, *, required: bool) -> str | None:
    """The Dutch message for a missing, oversized or wrongly typed scan; None when it is fine."""
    if content is None or not content:
        return CONSENT_MESSAGES["evidence"] if required or content is not None else None
    problem = evidence_problem(content)
    if problem is None:
        return None
    return CONSENT_MESSAGES["evidence_size" if problem.status == 413 else "evidence_type"]


async def posted_scan(
    request: Request[Any, Any, Any], name: str, errors: dict[str, str], *, required: bool
) -> bytes | None:
    """The scan posted in field ``name``; the Dutch message in ``errors[name]`` when it is
    missing (and required), too large or of another type."""
    scan = await uploaded_scan(request, name)
    problem = scan_error(scan, required=required)
    if problem is not None:
        errors[name] = problem
    return scan


async def staged_scan(uow: UnitOfWork, caller: Caller, scan: bytes) -> uuid.UUID:
    """Store the posted scan (staged) in the page's unit of work; the consent binds it."""
    decision = evidence.upload_decision(caller.runtime, caller.principal)
    view = await evidence.stage_evidence(uow, caller.principal, caller.ctx, scan, decision=decision)
    return view.id


def further_consent(form: FormData) -> tuple[ConsentIn | None, dict[str, str]]:
    """A further consent from the record-a-consent form (its scan is added by the page), or
    Dutch errors per field."""
    errors: dict[str, str] = {}
    raw = consent_fields(form, "", errors)
    if errors:
        return None, errors
    try:
        return msgspec.convert(raw, ConsentIn), errors
    except msgspec.ValidationError as exc:
        return None, consent_errors([(msgspec_path(exc), str(exc))])


def consent_errors(problems: list[tuple[str, str]]) -> dict[str, str]:
    """Form fields and Dutch messages for the service's field paths of a further consent
    (``recipients``, ``consent.valid_until``, ``members[0]``, ``evidence_id``)."""
    errors: dict[str, str] = {}
    for path, message in problems:
        name = PATH_INDEX.sub("", path).lstrip("$.").removeprefix("consent.")
        if name == "recipients" and "own organisation" in message:
            errors.setdefault("recipients", CONSENT_MESSAGES["own_recipient"])
        elif name == "valid_until" and "current end" in message:
            errors.setdefault("valid_until", CONSENT_MESSAGES["renew_until"])
        elif name == "evidence_id":
            errors.setdefault("evidence", CONSENT_MESSAGES["evidence_id"])
        elif name in CONSENT_MESSAGES:
            errors.setdefault(name, CONSENT_MESSAGES[name])
    return errors or {"recipients": CONSENT_MESSAGES["recipients"]}


def category_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(c, vocab.labels.get(c, c)) for c in vocab.categories]


def confidential_reason_options() -> list[tuple[str, str]]:
    """The reasons a worker may give for withholding an entry from the family."""
    reasons = vocabulary().confidential_reasons.values()
    return [(r.name, r.label[:1].upper() + r.label[1:]) for r in reasons if r.selectable]


def purpose_options() -> list[tuple[str, str]]:
    vocab = vocabulary()
    return [(p, vocab.labels.get(p, p)) for p in sorted(vocab.purposes)]


def entry_form(form: FormData) -> tuple[EntryIn | None, dict[str, str], dict[str, Any]]:
    """The journal entry of the entry form, or Dutch errors per field; and the values to echo."""
    echo: dict[str, Any] = {
        **form.echo("kind", "category", "body", "confidential_reason"),
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
    confidential = form.get("confidential") == "ja"
    if confidential and not form.get("confidential_reason"):
        errors["confidential_reason"] = ENTRY_MESSAGES["confidential_reason"]
    if errors:
        return None, errors, echo
    try:
        data = msgspec.convert(
            {
                "kind": form.get("kind"),
                "category": form.get("category") or None,
                "about": form.getall("about"),
                "body": form.get("body"),
                "confidential": confidential,
                # A reason left chosen while the box is cleared is not sent: no reason, no secret.
                "confidential_reason": (form.get("confidential_reason") or None)
                if confidential
                else None,
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
