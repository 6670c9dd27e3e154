"""Dutch words of the warm hand-over pages: urgency, referral states, reasons to decline."""

from __future__ import annotations

URGENCIES = {
    "routine": "Gewoon",
    "soon": "Binnen enkele dagen",
    "urgent": "Dringend",
}

REFERRAL_STATES = {
    "open": "Wacht op antwoord",
    "waiting_for_consent": "Aanvaard — wacht op toestemming van het gezin",
    "joined": "Aanvaard — werkt mee aan het dossier",
    "declined": "Geweigerd",
}

DECLINE_REASONS = {
    "no_capacity": "Geen plaats of tijd",
    "not_our_service": "Past niet bij ons aanbod",
    "family_elsewhere": "Het gezin krijgt al hulp elders",
    "other": "Andere reden",
}
