"""The retention rules in plain Dutch: "Dossier: 18 maanden na de laatste activiteit →
herbekijken". Presentation only; the rules come from ``policies/retention.toml``."""

from __future__ import annotations

from zorgafstemming.retention.rules import Period, RetentionRule

RECORDS = {
    "coordination_file": "Dossier",
    "session": "Sessies en API-sleutels",
    "login_record": "Tellers van aanmeldpogingen",
    "audit_event": "Gebeurtenissen in de auditlog",
    "consent_proof": "Bewijs van toestemming",
    "subject_request": "Verzoeken over persoonsgegevens (zonder inhoud)",
}
TRIGGERS = {
    "file_closed": "na het afsluiten van het dossier",
    "all_consents_ended": "nadat alle toestemmingen beëindigd zijn",
    "last_activity": "na de laatste activiteit",
    "ended": "na het verlopen of beëindigen",
    "occurred": "na de gebeurtenis",
    "file_purged": "na het wissen van het dossier",
    "answered": "na het antwoord of de weigering",
}
ACTIONS = {"purge": "wissen", "review": "herbekijken"}
# (singular, plural) per part of a period.
_UNITS = (
    ("years", "jaar", "jaar"),
    ("months", "maand", "maanden"),
    ("weeks", "week", "weken"),
    ("days", "dag", "dagen"),
    ("hours", "uur", "uur"),
    ("minutes", "minuut", "minuten"),
    ("seconds", "seconde", "seconden"),
)


def period_text(period: Period) -> str:
    """A period in words: "5 jaar", "18 maanden", "1 jaar en 6 maanden"."""
    parts = []
    for name, one, many in _UNITS:
        value = getattr(period, name)
        if value:
            parts.append(f"{value} {one if value == 1 else many}")
    if not parts:
        return "meteen"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def rule_text(rule: RetentionRule) -> str:
    """One rule as a sentence a person reads at a glance."""
    record = RECORDS.get(rule.record.value, rule.record.value)
    trigger = TRIGGERS.get(rule.trigger.value, rule.trigger.value)
    action = ACTIONS.get(rule.action.value, rule.action.value)
    return f"{record}: {period_text(rule.period)} {trigger} → {action}"
