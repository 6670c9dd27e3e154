"""Dutch (nl-BE) names for the codes the services use; presentation only."""

from __future__ import annotations

from zorgafstemming.retention import erasure

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
    "pending": "Wacht op goedkeuring",
    "active": "Actief",
    "disabled": "Uitgeschakeld",
}

ACCOUNT_CHANGE_KINDS = {
    "create": "Nieuw account",
    "reinvite": "Opnieuw uitnodigen",
    "reset-mfa": "Tweede factor herstellen",
    "change": "Rol of organisatie wijzigen",
}

ACCOUNT_CHANGE_STATUSES = {
    "pending": "Wacht op beslissing",
    "approved": "Goedgekeurd",
    "rejected": "Afgewezen",
    "expired": "Verlopen",
}


def label(table: dict[str, str], code: str) -> str:
    """The Dutch name of ``code``, or the code itself when it has none yet."""
    return table.get(code, code)


MEMBER_ROLES = {
    "parent": "ouder",
    "guardian": "voogd",
    "child": "kind jonger dan 12",
    "youth": "jongere (12+)",
    "other": "ander gezinslid",
}

# Why a member's field was corrected, and why a membership ended (the service's codes).
CORRECTION_REASONS = {
    "typo": "Tikfout",
    "name_changed": "Naam gewijzigd",
    "address_changed": "Verhuisd of adres gewijzigd",
    "contact_changed": "Nieuw telefoonnummer of e-mailadres",
    "wrong_birth_date": "Verkeerde geboortedatum",
    "wrong_national_number": "Verkeerd rijksregisternummer",
}
END_REASONS = {
    "moved_out": "Woont niet meer in het gezin",
    "left_family": "Maakt geen deel meer uit van het gezin",
    "added_in_error": "Per vergissing toegevoegd",
    "deceased": "Overleden",
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
    "confirmed": "Bevestigd door het gezin",
    "renewed": "Verlengd",
    "contested": "Betwist door het gezin",
    "withdrawn": "Ingetrokken",
    "expired": "Verlopen",
    "reviewed": "Nagekeken door de functionaris voor gegevensbescherming",
    "referred_back": "Teruggestuurd door de functionaris voor gegevensbescherming",
}

FILE_STATUSES = {
    "open": "Open",
    "closed": "Afgesloten",
    "purged": "Gewist",
    "restricted": "Beperkt",
}

# Why the DPO grants or refuses an erasure (GDPR art. 17(1) grounds, art. 17(3) exceptions).
ERASURE_REASONS = erasure.REASON_LABELS

ENTRY_KINDS = {
    "note": "Notitie",
    "agreement": "Afspraak",
    "action": "Actie",
    "meeting_record": "Verslag van een casusoverleg",
    "own_statement": "Eigen verklaring van de jongere",
}

NOTIFICATIONS = {
    "consent_given": "Er is een nieuwe toestemming geregistreerd.",
    "consent_withdrawn": "Het gezin heeft een toestemming ingetrokken.",
    "consent_expired": "Een toestemming is verlopen.",
    "consent_expiring": "Een toestemming verloopt binnen 30 dagen.",
    "consent_renewed": "Een toestemming is verlengd.",
    "consent_confirmed": "Het gezin heeft een toestemming bevestigd.",
    "consent_contested": "Het gezin heeft een toestemming betwist. De toegang is gestopt.",
    "participant_added": "Er is een partnerorganisatie toegevoegd.",
    "file_closed": "Het dossier is afgesloten.",
    "closed": "Het dossier is afgesloten.",
    "lead_changed": "Een andere organisatie leidt nu het dossier.",
    "referral_waiting": "Een verwijzing is aanvaard en wacht op de toestemming van het gezin.",
    "referral_joined": "Een doorverwezen organisatie werkt nu mee aan het dossier.",
    "referral_declined": "Een organisatie heeft een verwijzing geweigerd.",
    "lead_offered": "Uw organisatie kreeg het aanbod om het dossier te leiden.",
    "lead_declined": "Een organisatie heeft het aanbod om het dossier te leiden geweigerd.",
    "partner_left": "Een partnerorganisatie heeft het dossier verlaten.",
    "contact_changed": "Er is een nieuwe contactpersoon voor het dossier.",
    # GDPR art. 19: your organisation read data that has since been corrected or erased.
    "data_rectified": "Gegevens die uw organisatie inzag, zijn rechtgezet.",
    "data_erased": "Gegevens die uw organisatie inzag, zijn gewist.",
    "objection_raised": (
        "Een gezinslid maakt bezwaar tegen de verwerking op grond van het decreet integrale"
        " jeugdhulp. Uw organisatie leidt het dossier en beslist."
    ),
    "message_new": "Nieuw bericht in het dossier.",  # the reference follows on the page
    "request_for_lead": (
        "Een gezinslid vraagt een verbetering van gegevens of maakt bezwaar. Uw organisatie"
        " leidt het dossier en behandelt het verzoek binnen de wettelijke termijn."
    ),
}

# --- family portal (B1: short sentences, everyday words) -----------------------------------

# One plain sentence per purpose and data category of the vocabulary, for the family's form.
FAMILY_PURPOSES = {
    "care_coordination": "De hulpverleners stemmen samen af wie u helpt en hoe.",
    "case_meeting": "De hulpverleners bespreken uw situatie samen in een overleg.",
}

FAMILY_CATEGORIES = {
    "identity": "Uw naam, geboortedatum en rijksregisternummer.",
    "contact": "Uw adres, telefoonnummer en e-mailadres.",
    "care_plan": "De afspraken en acties die u samen met de hulpverleners maakt.",
    "case_notes": "Verslagen van gesprekken over uw situatie.",
    "health": "Informatie over uw gezondheid, lichamelijk of psychisch.",
    "education": "Informatie over school, leren en begeleiding op school.",
}

# The state of a consent for the family member who looks at it.
FAMILY_CONSENT_STATES = {
    "in_force": "Geldig",
    "awaiting_confirmation": "Wacht op uw bevestiging",
    "scheduled": "Nog niet begonnen",
    "withdrawn": "Ingetrokken",
    "contested": "Betwist",
    "expired": "Verlopen",
}

# What a portal notice says happened; the organisation's name follows where there is one.
FAMILY_NOTICES = {
    "consent_recorded": (
        "Een organisatie registreerde een toestemming met een ondertekend formulier."
    ),
    "consent_pending": (
        "Een organisatie registreerde een toestemming. Ze wacht op uw bevestiging."
    ),
    "consent_given": "Er is een toestemming gegeven in het gezinsportaal.",
    "consent_confirmed": "Een toestemming is bevestigd in het gezinsportaal.",
    "consent_withdrawn": "Een toestemming is ingetrokken.",
    "consent_contested": "Een toestemming is betwist. De toegang is gestopt.",
    "emergency_access": (
        "Een hulpverlener kreeg noodtoegang tot uw dossier, zonder uw toestemming, omdat de wet"
        " dat toelaat in een noodsituatie. Hij of zij kon het dossier een beperkte tijd lezen."
        " De functionaris voor gegevensbescherming kijkt na of dat terecht was. Wanneer en"
        " waarom ziet u bij 'Wie bekeek uw dossier?'."
    ),
    "contact_changed": "U hebt een nieuw aanspreekpunt. U vindt het in uw dossier.",
    "member_corrected": (
        "Een organisatie verbeterde gegevens van een gezinslid. Wat er veranderde en waarom,"
        " ziet u bij de verbeteringen in uw dossier."
    ),
    "request_received": (
        "Een verzoek over gegevens in uw dossier is ontvangen. De uiterste datum voor het"
        " antwoord ziet u bij 'Mijn verzoeken'."
    ),
    "request_started": "Een verzoek over gegevens in uw dossier wordt behandeld.",
    "request_extended": (
        "De termijn van een verzoek over gegevens in uw dossier is met twee maanden verlengd."
        " De nieuwe uiterste datum ziet u bij 'Mijn verzoeken'."
    ),
    "request_answered": (
        "Een verzoek over gegevens in uw dossier is beantwoord. Het antwoord ziet u bij het"
        " verzoek, bij 'Mijn verzoeken'."
    ),
    "request_refused": (
        "Een verzoek over gegevens in uw dossier is geweigerd. U kunt een klacht indienen bij"
        " de toezichthouder voor gegevensbescherming."
    ),
    "processing_restricted": (
        "De functionaris voor gegevensbescherming heeft de verwerking van uw gegevens beperkt."
        " De hulpverleners kunnen ze nu niet lezen of wijzigen. U ziet ze wel."
    ),
    "restriction_lifted": (
        "De beperking van de verwerking van uw gegevens is opgeheven. De hulpverleners kunnen"
        " weer met uw gegevens werken, zoals uw toestemming het toelaat."
    ),
    "objection_continued": (
        "Er is beslist over uw bezwaar: de verwerking gaat door, omdat er dwingende redenen"
        " zijn. De reden ziet u bij uw bezwaar."
    ),
    "objection_stopped": (
        "Er is beslist over uw bezwaar: de verwerking van deze gegevens stopt, zoals bij een"
        " ingetrokken toestemming."
    ),
    "message_new": "Nieuw bericht in uw dossier.",
}

# How long a consent given in the portal runs, in years, with its label.
FAMILY_DURATIONS = {"1": "1 jaar", "2": "2 jaar", "3": "3 jaar"}

# --- an account's own security activity -----------------------------------------------------

SECURITY_EVENTS = {
    "sign-in": "Aangemeld",
    "export": "Gegevens gedownload",
    "mfa-reset": "Tweede factor hersteld",
    "reinvite": "Opnieuw uitgenodigd",
    "change-requested": "Wijziging aangevraagd",
    "change-approved": "Wijziging goedgekeurd",
    "change-rejected": "Wijziging geweigerd",
    "activation": "Account geactiveerd",
    "disabled": "Account uitgeschakeld",
}
# A kind this list does not know yet is still shown, neutrally (never as its code).
SECURITY_EVENT_OTHER = "Andere gebeurtenis op uw account"

MAIL_KINDS = {
    "activation": "Activeringslink",
    "email-verification": "Bevestiging van een e-mailadres",
    "account-reset": "Herstel van een account",
    "account-change": "Wijziging aan een account",
    "new-device": "Aanmelding op een nieuw toestel",
    "link-request": "Aangevraagde link",
    "emergency-access": "Melding van noodtoegang",
    "objection-raised": "Melding van een bezwaar",
    "access-review": "Toegangscontrole",
    "meeting-invitation": "Uitnodiging voor een casusoverleg",
    "meeting-cancellation": "Annulering van een casusoverleg",
}

MAIL_STATUSES = {
    "queued": "Wacht op verzending",
    "sending": "Wordt verzonden",
    "sent": "Verzonden",
    "failed": "Mislukt",
    "unknown": "Onbekend",
}

MAIL_ERRORS = {
    "connection-refused": "Mailserver niet bereikbaar",
    "timeout": "Mailserver antwoordde niet op tijd",
    "disconnected": "Verbinding met de mailserver verbroken",
    "network-error": "Netwerkfout",
    "tls-failed": "Beveiligde verbinding mislukt",
    "starttls-unavailable": "Mailserver biedt geen beveiligde verbinding",
    "auth-failed": "Aanmelden bij de mailserver mislukt",
    "smtp-4xx": "Tijdelijk geweigerd door de mailserver",
    "smtp-5xx": "Geweigerd door de mailserver",
    "smtp-reply": "Onverwacht antwoord van de mailserver",
    "smtp-error": "Fout bij de mailserver",
    "not-supported": "Adres niet ondersteund door de mailserver",
    "no-reply-to-data": "Verbinding verbroken tijdens het verzenden",
    "interrupted": "Verzending onderbroken",
    "bad-message": "Bericht kon niet opgemaakt worden",
    "unreadable": "Bericht kon niet ontsleuteld worden",
    "cannot-write-file": "Bestand kon niet geschreven worden",
}

# --- the data protection officer's audit trail and retention schedule ----------------------

# The audit trail's own codes are named in ``zorgafstemming.audit.labels`` (one table).
HOLD_REASONS = {
    "litigation": "Gerechtelijke procedure",
    "police_or_judicial_request": "Vraag van politie of gerecht",
    "regulator_inquiry": "Onderzoek door de toezichthouder",
    "data_subject_request": "Verzoek van de betrokkene",
    "internal_investigation": "Intern onderzoek",
    "other": "Andere reden",
}
RETENTION_ACTIONS = {"purge": "Wissen", "review": "Herbekijken"}

# The legal grounds of emergency access, as the family, the worker and the DPO read them.
EMERGENCY_GROUNDS = {
    "risk_to_child": (
        "gevaar voor het leven of de veiligheid van een kind (noodtoestand, art. 458bis Sw.)"
    ),
    "court_order": "een bevel van een rechter of van het parket",
    "other": "een andere reden, met uitleg",
}

# Where an action of the family plan stands.
PLAN_STATUSES = {
    "planned": "Gepland",
    "in_progress": "Bezig",
    "done": "Gedaan",
    "dropped": "Stopgezet",
}
# The kinds of task on a worker's task list.
TASK_KINDS = {
    "plan_action": "Actie uit het gezinsplan",
    "referral": "Verwijzing naar uw organisatie",
    "lead_handover": "Leiding van een dossier aangeboden",
    "consent_expiring": "Toestemming loopt af",
    "meeting": "Casusoverleg",
}

# A restricted file (GDPR art. 18) takes no new recipient: what a worker reads when they try.
RESTRICTED_NO_PARTNER = (
    "De verwerking van de gegevens in dit dossier is beperkt. Zolang de beperking geldt, kunt u"
    " geen partnerorganisatie toevoegen."
)
RESTRICTED_NO_JOINING = (
    "De verwerking van de gegevens in dit dossier is beperkt. Zolang de beperking geldt, kan uw"
    " organisatie niet aansluiten bij het dossier. De verwijzing blijft wachten; probeer opnieuw"
    " zodra de functionaris voor gegevensbescherming de beperking opheft."
)
RESTRICTED_NO_REFERRAL = (
    "De verwerking van de gegevens in dit dossier is beperkt. Zolang de beperking geldt, kunt u"
    " het gezin niet doorverwijzen."
)
