"""Dutch words for data-subject requests on the pages (presentation only)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = {
    "access": "Inzage in de gegevens",
    "rectification": "Verbetering van de gegevens",
    "erasure": "Wissen van de gegevens",
    "restriction": "Beperking van het gebruik",
    "objection": "Bezwaar tegen het gebruik",
    "portability": "Overdracht van de gegevens",
}
KIND_HELP = (
    "Inzage: u krijgt de gegevens die we over u bijhouden. Verbetering: een gegeven klopt niet."
    " Wissen: u vraagt gegevens te wissen. Beperking: de gegevens mogen tijdelijk niet gebruikt"
    " worden. Bezwaar: u bent het niet eens met hoe we de gegevens gebruiken. Overdracht: u"
    " krijgt de gegevens in een bestand om aan een andere organisatie te geven."
)
# What an erasure or restriction asks for: the chosen member's data, or the whole file.
SCOPE_CHOICES = {
    "member": "Alleen de gegevens over de persoon die ik hierboven kies",
    "file": "Het hele dossier, met de gegevens van alle gezinsleden",
}
SCOPE_HELP = (
    "Alleen bij wissen of beperking kunt u het hele dossier vragen. De functionaris voor"
    " gegevensbescherming weegt uw verzoek af, ook tegenover de andere gezinsleden."
)
STATUSES = {
    "received": "Ontvangen",
    "in_progress": "In behandeling",
    "extended": "Termijn verlengd",
    "answered": "Beantwoord",
    "refused": "Geweigerd",
}
STEPS = {
    "receive": "Ontvangen",
    "start": "In behandeling genomen",
    "extend": "Termijn verlengd met twee maanden",
    "answer": "Beantwoord",
    "refuse": "Geweigerd",
}
STEP_CHOICES = {
    "start": "In behandeling nemen",
    "extend": "Termijn verlengen met twee maanden (één keer, met reden)",
    "answer": "Beantwoorden (met wat er gedaan is)",
    "refuse": "Weigeren (met reden)",
}
REASON_NEEDED = {
    "extend": "Geef de reden van de verlenging.",
    "answer": "Schrijf wat er gedaan of geantwoord is.",
    "refuse": "Geef de reden van de weigering.",
}
# The answer of an access or portability request: the family gets its data, no typed text.
EXPORT_ANSWER_CHOICE = "Beantwoorden (het gezin vindt zijn gegevens bij het verzoek)"
FIXED_ANSWER = (
    "Bij inzage en overdracht is het antwoord een vaste tekst: het gezin vindt zijn gegevens bij"
    " het verzoek. Laat dit veld leeg."
)
CHANNELS = {
    "family_portal": "Door het gezin, in het gezinsportaal",
    "on_behalf": "Door een hulpverlener, namens het gezin",
}
ROLES = {
    "family": "Gezinslid",
    "social_worker": "Hulpverlener",
    "dpo": "Functionaris voor gegevensbescherming",
    "admin": "Beheerder",
}


def subject_text(given_name: str, is_self: bool, reference: str) -> str:
    """How a member is offered in the form: "Uzelf (Els)" or "Mila", with the file."""
    who = f"Uzelf ({given_name})" if is_self else given_name
    return f"{who} — dossier {reference}"


@dataclass(frozen=True)
class ExportLink:
    """A link to the family's own data on the page of an answered request."""

    href: str
    text: str
    hint: str
    download: bool = False


PRINTABLE = ExportLink(
    "/mijn/inzage",
    "Overzicht om te lezen en af te drukken (Inzage)",
    "Alle gegevens per dossier, in gewone taal. Met Afdrukken in uw browser bewaart u het ook"
    " als PDF.",
)
MACHINE_READABLE = ExportLink(
    "/mijn/gegevens.json",
    "Bestand voor een computer (JSON)",
    "Alle gegevens in één bestand in een gangbaar formaat dat een computer leest. U kunt het"
    " aan een andere organisatie geven.",
    download=True,
)


def export_links(kind: str) -> list[ExportLink]:
    """The links to the family's data, in the order the request asks for: the machine-readable
    file first for portability (art. 20), the printable overview first for access (art. 15)."""
    if kind == "portability":
        return [MACHINE_READABLE, PRINTABLE]
    return [PRINTABLE, MACHINE_READABLE]
