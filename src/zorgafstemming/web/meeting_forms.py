"""The forms of the meeting planner, read into the API's request structures with a Dutch message
per field: a day as dd/mm/jjjj and hours as uu:mm (Brussels time), a fixed number of agenda and
decision rows (no script adds rows; empty rows are skipped)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import msgspec

from zorgafstemming.coordination.meeting_schemas import MeetingIn, MinutesIn
from zorgafstemming.web.date_input import parse_day
from zorgafstemming.web.forms import FormData

AGENDA_ROWS = 5
DECISION_ROWS = 3
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.u]\s*(\d{2})\s*$")
CLOCK_PATTERN = r"\s*\d{1,2}\s*[:.u]\s*\d{2}\s*"

PLAN_MESSAGES = {
    "datum": "Vul een bestaande datum in als dd/mm/jjjj, bijvoorbeeld 03/09/2027.",
    "begin": "Vul het beginuur in als uu:mm, bijvoorbeeld 09:30.",
    "einde": "Vul het einduur in als uu:mm, na het beginuur.",
    "plaats": "Schrijf de plaats of videolink op één regel (hoogstens 500 tekens).",
    "agenda": "Schrijf minstens één agendapunt (hoogstens 500 tekens per punt).",
    "organisaties": "Nodig alleen partners uit die meewerken met toestemming voor casusoverleg.",
    "gezinsleden": "Kies gezinsleden van dit dossier.",
}
MINUTES_MESSAGES = {
    "verslag": "Schrijf het verslag.",
    "categorie": "Kies de soort gegevens van het verslag.",
}


def read_clock(text: str) -> str | None:
    """An hour typed as ``uu:mm`` (or ``9.30``, ``9u30``) as ``HH:MM``; None when it is none."""
    found = _CLOCK.match(text or "")
    if not found:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _uuids(values: list[str]) -> list[str] | None:
    try:
        return [str(uuid.UUID(v)) for v in values]
    except ValueError:
        return None


def plan_form(form: FormData) -> tuple[MeetingIn | None, dict[str, str], dict[str, Any]]:
    """The meeting the planner form asks for, the Dutch errors per field, and what to echo."""
    echo: dict[str, Any] = form.echo("datum", "begin", "einde", "plaats")
    errors: dict[str, str] = {}
    day = parse_day(form.get("datum"))
    start, end = read_clock(form.get("begin")), read_clock(form.get("einde"))
    for name, value in (("datum", day), ("begin", start), ("einde", end)):
        if value is None:
            errors[name] = PLAN_MESSAGES[name]
    agenda = []
    for row in range(AGENDA_ROWS):
        text = form.get(f"agenda_{row}")
        about = form.get(f"agenda_{row}_over")
        echo[f"agenda_{row}"], echo[f"agenda_{row}_over"] = text, about
        if text:
            agenda.append({"text": text, "about": [about] if about else []})
    if not agenda:
        errors["agenda"] = PLAN_MESSAGES["agenda"]
    organisations = _uuids(form.getall("organisaties"))
    members = _uuids(form.getall("gezinsleden"))
    echo["organisaties"], echo["gezinsleden"] = (
        form.getall("organisaties"),
        form.getall("gezinsleden"),
    )
    if organisations is None:
        errors["organisaties"] = PLAN_MESSAGES["organisaties"]
    if members is None or any(_uuids([a["about"][0]]) is None for a in agenda if a["about"]):
        errors["gezinsleden"] = PLAN_MESSAGES["gezinsleden"]
    if errors:
        return None, errors, echo
    values = {
        "date": day.isoformat() if day else "",
        "start_time": start,
        "end_time": end,
        "place": form.get("plaats") or None,
        "agenda": agenda,
        "organisations": organisations,
        "members": members,
    }
    try:
        return msgspec.convert(values, MeetingIn), {}, echo
    except msgspec.ValidationError as exc:
        text = str(exc)
        wrong = "plaats" if "$.place" in text else "agenda"
        return None, {wrong: PLAN_MESSAGES[wrong]}, echo


def plan_errors(exc_errors: list[dict[str, str]]) -> dict[str, str]:
    """The Dutch message per form field for the errors of a refused plan."""
    errors: dict[str, str] = {}
    for error in exc_errors:
        field = error.get("field", "")
        if field in ("start_time", "end_time"):
            errors["einde" if field == "end_time" else "begin"] = (
                "Dit uur bestaat niet op die dag (zomeruur), of het einde ligt niet na het begin."
            )
        elif field.startswith("organisations"):
            errors["organisaties"] = PLAN_MESSAGES["organisaties"]
        else:
            errors["gezinsleden"] = PLAN_MESSAGES["gezinsleden"]
    return errors or {"datum": PLAN_MESSAGES["datum"]}


def minutes_form(form: FormData) -> tuple[MinutesIn | None, dict[str, str], dict[str, Any]]:
    """The minutes the form asks for (decision rows without text are skipped)."""
    echo: dict[str, Any] = form.echo("verslag", "categorie")
    errors: dict[str, str] = {}
    if not form.get("verslag"):
        errors["verslag"] = MINUTES_MESSAGES["verslag"]
    decisions = []
    for row in range(DECISION_ROWS):
        names = (f"besluit_{row}", f"besluit_{row}_organisatie", f"besluit_{row}_datum")
        echo.update(form.echo(*names))
        text, owner, due = (form.get(n) for n in names)
        if not text:
            continue
        if not owner or _uuids([owner]) is None:
            errors[names[1]] = "Kies de organisatie die dit opneemt."
        day = parse_day(due) if due else None
        if due and day is None:
            errors[names[2]] = "Vul een bestaande datum in als dd/mm/jjjj."
        decisions.append(
            {
                "text": text,
                "owner_organisation_id": owner,
                "due_on": day.isoformat() if day else None,
            }
        )
    if errors:
        return None, errors, echo
    values = {
        "body": form.get("verslag"),
        "category": form.get("categorie") or None,
        "decisions": decisions,
    }
    try:
        return msgspec.convert(values, MinutesIn), {}, echo
    except msgspec.ValidationError as exc:
        wrong = "categorie" if "$.category" in str(exc) else "verslag"
        if "$.decisions" in str(exc):
            return (
                None,
                {"besluit_0": "Schrijf elk besluit op één regel (hoogstens 200 tekens)."},
                echo,
            )
        return None, {wrong: MINUTES_MESSAGES[wrong]}, echo
