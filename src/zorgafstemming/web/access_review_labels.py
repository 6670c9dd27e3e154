"""Dutch names for what the access-review pages show: the actions a sampled access can have,
why it was drawn, its state, the answers and the signal rules (with their thresholds)."""

from __future__ import annotations

from zorgafstemming.accessreview.policy import ReviewPolicy

# Actions a sampled access can carry; any other action shows as its code.
ACTIONS = {
    "coordination:file:read": "bekeek het dossier",
    "coordination:file:list": "bekeek de lijst van dossiers",
    "coordination:entry:list": "bekeek het dagboek van het dossier",
    "coordination:entry:create": "schreef in het dagboek",
    "coordination:assignment:list": "bekeek wie aan het dossier werkt",
    "coordination:consent:record": "legde een toestemming vast",
    "coordination:consent:withdraw": "registreerde een intrekking",
    "family:file:read": "bekeek het eigen dossier (gezin)",
    "family:consent:withdraw": "trok toestemming in (gezin)",
}
REASONS = {
    "read": "steekproef",
    "denied": "geweigerde toegang",
    "emergency": "noodtoegang",
}
OUTCOMES = {"allowed": "toegestaan", "denied": "geweigerd", "error": "mislukt"}
STATUSES = {"open": "Open", "overdue": "Te laat", "answered": "Beantwoord"}
ANSWERS = {
    "needed": "Nodig voor de zorg voor dit gezin",
    "not_justified": "Niet gerechtvaardigd",
}
SIGNAL_TITLES = {
    "many_files": "Veel meer dossiers dan collega's",
    "no_own_writes": "Dossiers waarin de eigen organisatie niets schreef",
    "off_hours": "Toegang buiten de werkuren",
    "after_refused_withdrawal": "Toegang kort na een geweigerde intrekking",
}


def signal_rules(policy: ReviewPolicy) -> dict[str, str]:
    """Each signal rule in one Dutch sentence, with the thresholds of ``review.toml``."""
    many, own, hours, after = (
        policy.many_files,
        policy.no_own_writes,
        policy.off_hours,
        policy.after_refused_withdrawal,
    )
    return {
        "many_files": (
            f"Een medewerker bekeek meer dan {many.factor:g} keer zoveel verschillende dossiers "
            "als de mediaan van de collega's met dezelfde rol in dezelfde organisatie, en minstens "
            f"{many.min_files}."
        ),
        "no_own_writes": (
            "Een medewerker bekeek een dossier waarin de eigen organisatie de "
            f"{own.lookback_days} dagen ervoor niets schreef of wijzigde."
        ),
        "off_hours": (
            f"Een medewerker bekeek een dossier vóór {hours.start_hour}:00 of na "
            f"{hours.end_hour}:00 (Belgische tijd)."
        ),
        "after_refused_withdrawal": (
            "Een medewerker bekeek een dossier binnen "
            f"{after.within_hours} uur nadat een intrekking van toestemming werd geweigerd."
        ),
    }
