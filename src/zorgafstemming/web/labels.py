"""Dutch (nl-BE) names for the codes the services use; presentation only."""

from __future__ import annotations

ROLES = {
    "social_worker": "Hulpverlener",
    "family": "Gezinslid",
    "dpo": "Functionaris voor gegevensbescherming",
    "admin": "Functioneel beheerder",
}

ORGANISATION_KINDS = {
    "child_family": "Kind en Gezin / consultatiebureau",
    "youth_welfare": "Jeugdhulp / CAW",
    "pupil_guidance": "Centrum voor leerlingenbegeleiding (CLB)",
    "social_services": "Sociale dienst / OCMW",
    "school": "School",
    "network": "Netwerk Huis van het Kind",
    "other": "Andere",
}

ACCOUNT_STATUSES = {
    "invited": "Uitgenodigd",
    "active": "Actief",
    "disabled": "Uitgeschakeld",
}


def label(table: dict[str, str], code: str) -> str:
    """The Dutch name of ``code``, or the code itself when it has none yet."""
    return table.get(code, code)


MEMBER_ROLES = {
    "parent": "Ouder",
    "guardian": "Voogd",
    "child": "Kind (jonger dan 12)",
    "youth": "Jongere (12 jaar of ouder)",
    "other": "Ander gezinslid",
}

MEMBER_FIELDS = {
    "given_name": "Voornaam",
    "family_name": "Familienaam",
    "birth_date": "Geboortedatum",
    "insz": "Rijksregisternummer",
    "address": "Adres",
    "phone": "Telefoon",
    "email": "E-mailadres",
}

LEGAL_BASES = {
    "consent": "Toestemming van het gezin",
    "dijh_art74": "Instemming (gedeeld beroepsgeheim, decreet integrale jeugdhulp art. 74)",
}

COLLECTION_METHODS = {
    "in_person": "Mondeling, in een gesprek",
    "signed_form": "Ondertekend formulier",
    "family_portal": "Via het gezinsportaal",
}

CONSENT_STATES = {
    "active": "Geldig",
    "given": "Geldig",
    "pending": "Nog niet ingegaan",
    "withdrawn": "Ingetrokken",
    "expired": "Verlopen",
}

CONSENT_EVENTS = {
    "given": "Gegeven",
    "renewed": "Verlengd",
    "withdrawn": "Ingetrokken",
    "expired": "Verlopen",
}

FILE_STATUSES = {"open": "Open", "closed": "Afgesloten", "purged": "Gewist"}

ENTRY_KINDS = {
    "note": "Notitie",
    "agreement": "Afspraak",
    "action": "Actie",
    "meeting_record": "Verslag van een casusoverleg",
}

NOTIFICATIONS = {
    "consent_given": "Er is een nieuwe toestemming geregistreerd.",
    "consent_withdrawn": "Het gezin heeft een toestemming ingetrokken.",
    "consent_expired": "Een toestemming is verlopen.",
    "consent_expiring": "Een toestemming verloopt binnen 30 dagen.",
    "consent_renewed": "Een toestemming is verlengd.",
    "participant_added": "Er is een partnerorganisatie toegevoegd.",
    "file_closed": "Het dossier is afgesloten.",
    "closed": "Het dossier is afgesloten.",
    "lead_changed": "Een andere organisatie leidt nu het dossier.",
}
