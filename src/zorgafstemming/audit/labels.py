"""Dutch (nl-BE) names for every code an audit event carries, and the action groups.

One table per field of an event: the action (with the group it belongs to), the kind of object,
the data categories and purposes of ``policies/vocabulary.toml``, the outcome, the role and the
policy that decided (every ``@id`` in ``policies/*.cedar``, plus the retention rules and the
fixed deciders outside Cedar). ``tests/unit/audit/test_labels.py`` fails when a code has no
label, so a new action or policy is added here with one line.

The DPO's page, and any export meant for a person, reads events through these tables; a code
that is not (yet) in a table is shown as itself rather than hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Group = Literal["read", "change", "consent", "denied", "admin", "emergency"]

# The groups the DPO filters on. "denied" and "emergency" cut across the others: a refused
# request of any kind is "denied"; an emergency access is a read under the emergency policy.
GROUPS: dict[Group, str] = {
    "read": "Inzage",
    "change": "Wijziging",
    "consent": "Toestemming",
    "denied": "Geweigerd",
    "admin": "Beheer en toezicht",
    "emergency": "Noodtoegang",
}
# An emergency access: a read decided by this policy, or an action of this scope.
EMERGENCY_POLICY = "emergency-read"
EMERGENCY_SCOPE = "emergency:"


@dataclass(frozen=True)
class ActionLabel:
    """What an action did, in Dutch, and the group the DPO finds it under."""

    text: str
    group: Group


def _a(text: str, group: Group) -> ActionLabel:
    return ActionLabel(text, group)


# Every action an event may carry (``authz.actions.Action`` and ``SystemAction``), alphabetised.
ACTIONS: dict[str, ActionLabel] = {
    "audit:checkpoint:read": _a("Controlepunt van de auditlog bekeken", "admin"),
    "audit:event:list": _a("Auditlog bekeken", "admin"),
    "audit:export:read": _a("Auditlog geëxporteerd", "admin"),
    "audit:ref:resolve": _a("Persoon of dossier opgezocht", "admin"),
    "coordination:annotation:create": _a("Rechtzetting bij een notitie toegevoegd", "change"),
    "coordination:assignment:create": _a("Hulpverlener aan dossier toegewezen", "change"),
    "coordination:assignment:delete": _a("Toewijzing aan dossier beëindigd", "change"),
    "coordination:assignment:list": _a("Toewijzingen van dossier bekeken", "read"),
    "coordination:attachment:read": _a("Bijlage van een bericht bekeken", "read"),
    "coordination:attachment:upload": _a("Bijlage voor een bericht opgeladen", "change"),
    "coordination:contact:set": _a("Contactpersoon van de organisatie gekozen", "change"),
    "coordination:consent:record": _a("Toestemming geregistreerd", "consent"),
    "coordination:consent:renew": _a("Toestemming verlengd", "consent"),
    "coordination:consent:withdraw": _a("Intrekking van toestemming geregistreerd", "consent"),
    "coordination:duplicate:check": _a("Nagegaan of er al een dossier bestaat", "read"),
    "coordination:entry:create": _a("Verslag of afspraak toegevoegd", "change"),
    "coordination:entry:list": _a("Verslagen en afspraken bekeken", "read"),
    "coordination:evidence:upload": _a("Bewijs van toestemming opgeladen", "consent"),
    "coordination:file:close": _a("Dossier afgesloten", "change"),
    "coordination:file:create": _a("Dossier geopend", "change"),
    "coordination:file:list": _a("Lijst van dossiers bekeken", "read"),
    "coordination:file:search": _a("Een gezin gezocht", "read"),
    "coordination:file:read": _a("Dossier bekeken", "read"),
    "coordination:invitation:create": _a("Gezinsaccount aangemaakt", "change"),
    "coordination:lead:accept": _a("Leiding van het dossier aanvaard", "change"),
    "coordination:lead:decline": _a("Leiding van het dossier geweigerd", "change"),
    "coordination:lead:offer": _a("Leiding van het dossier aangeboden", "change"),
    "coordination:member:add": _a("Gezinslid toegevoegd", "change"),
    "coordination:member:correct": _a("Gegevens van een gezinslid verbeterd", "change"),
    "coordination:member:end": _a("Lidmaatschap van een gezinslid beëindigd", "change"),
    "coordination:message:create": _a("Bericht verstuurd", "change"),
    "coordination:message:list": _a("Berichten van een gesprek bekeken", "read"),
    "coordination:notification:list": _a("Meldingen bekeken", "read"),
    "coordination:objection:decide": _a("Beslist over een bezwaar", "consent"),
    "coordination:objection:list": _a("Bezwaren bij een dossier bekeken", "read"),
    "coordination:participant:add": _a("Partnerorganisatie toegevoegd", "change"),
    "coordination:plan-action:create": _a("Actie aan het gezinsplan toegevoegd", "change"),
    "coordination:plan-action:status": _a(
        "Stand van een actie in het gezinsplan gewijzigd", "change"
    ),
    "coordination:plan-event:list": _a("Geschiedenis van het gezinsplan bekeken", "read"),
    "coordination:plan-goal:create": _a("Doel aan het gezinsplan toegevoegd", "change"),
    "coordination:plan:read": _a("Gezinsplan bekeken", "read"),
    "coordination:task-digest:set": _a("Dagelijkse takenmail aan- of uitgezet", "change"),
    "coordination:task:list": _a("Takenlijst bekeken", "read"),
    "coordination:participant:leave": _a("Dossier verlaten door een partner", "change"),
    "coordination:meeting:cancel": _a("Casusoverleg geannuleerd", "change"),
    "coordination:meeting:create": _a("Casusoverleg gepland", "change"),
    "coordination:meeting:list": _a("Casusoverleggen bekeken", "read"),
    "coordination:meeting:minutes": _a("Verslag van een casusoverleg geschreven", "change"),
    "coordination:meeting:to-plan": _a(
        "Besluiten van een casusoverleg als acties in het gezinsplan gezet", "change"
    ),
    "coordination:meeting:read": _a("Casusoverleg bekeken", "read"),
    "coordination:referral:accept": _a("Verwijzing aanvaard", "change"),
    "coordination:referral:create": _a("Gezin doorverwezen naar een partner", "change"),
    "coordination:referral:decline": _a("Verwijzing geweigerd", "change"),
    "coordination:referral:list": _a("Verwijzingen bekeken", "read"),
    "coordination:thread:create": _a("Gesprek gestart", "change"),
    "coordination:thread:list": _a("Gesprekken van een dossier bekeken", "read"),
    "family:access-log:read": _a("Gezin bekeek wie het dossier inzag", "read"),
    "family:attachment:read": _a("Gezin bekeek een bijlage van een bericht", "read"),
    "family:consent:confirm": _a("Gezin bevestigde een toestemming", "consent"),
    "family:consent:contest": _a("Gezin betwistte een toestemming", "consent"),
    "family:consent:give": _a("Gezin gaf toestemming", "consent"),
    "family:consent:withdraw": _a("Gezin trok een toestemming in", "consent"),
    "family:correction:list": _a("Verbeteringen van de eigen gegevens bekeken", "read"),
    "family:evidence:read": _a("Gezin bekeek het bewijs van toestemming", "read"),
    "family:export:read": _a("Gezin vroeg inzage in of een kopie van de eigen gegevens", "read"),
    "family:file:list": _a("Gezin bekeek de eigen dossiers", "read"),
    "family:file:read": _a("Gezin bekeek het eigen dossier", "read"),
    "family:statement:create": _a("Jongere voegde een eigen verklaring toe", "change"),
    "family:link:accept": _a("Gezin aanvaardde een koppeling", "change"),
    "family:link:decline": _a("Gezin weigerde een koppeling", "change"),
    "family:link:list": _a("Gezin bekeek de koppelingsverzoeken", "read"),
    "family:message:create": _a("Gezin verstuurde een bericht", "change"),
    "family:message:list": _a("Gezin bekeek de berichten van een gesprek", "read"),
    "family:notice:list": _a("Gezin bekeek de berichten", "read"),
    "family:objection:list": _a("Gezin bekeek de eigen bezwaren", "read"),
    "family:objection:raise": _a("Gezin maakte bezwaar tegen een verwerking", "consent"),
    "family:plan-action:complete": _a("Gezin rondde een eigen actie van het plan af", "change"),
    "family:plan-comment:create": _a("Gezin gaf commentaar op een doel van het plan", "change"),
    "family:plan:read": _a("Gezin bekeek het gezinsplan", "read"),
    "family:thread:list": _a("Gezin bekeek de gesprekken", "read"),
    "emergency:grant:list": _a("Noodtoegangen bekeken", "emergency"),
    "emergency:grant:request": _a("Noodtoegang gevraagd", "emergency"),
    "emergency:grant:review": _a("Noodtoegang beoordeeld", "emergency"),
    "identity:account-change:approve": _a("Accountwijziging goedgekeurd", "admin"),
    "identity:account-change:list": _a("Accountwijzigingen bekeken", "admin"),
    "identity:account-change:reject": _a("Accountwijziging geweigerd", "admin"),
    "identity:account-change:request": _a("Accountwijziging aangevraagd", "admin"),
    "identity:auth:activate": _a("Account geactiveerd", "admin"),
    "identity:auth:activate-confirm": _a("Activering bevestigd", "admin"),
    "identity:auth:activate-email": _a("E-mailadres bij activering bevestigd", "admin"),
    "identity:auth:login": _a("Aanmelding", "admin"),
    "identity:auth:logout": _a("Afgemeld", "admin"),
    "identity:auth:me": _a("Eigen account bekeken", "admin"),
    "identity:auth:mfa": _a("Tweede factor ingevoerd", "admin"),
    "identity:organisation:create": _a("Organisatie aangemaakt", "admin"),
    "identity:organisation:list": _a("Organisaties bekeken", "admin"),
    "identity:organisation:read": _a("Organisatie bekeken", "admin"),
    "identity:security-log:read": _a("Eigen beveiligingsactiviteit bekeken", "admin"),
    "identity:session:end": _a("Sessie beëindigd", "admin"),
    "identity:session:start": _a("Sessie gestart", "admin"),
    "identity:token:issue": _a("API-sleutel uitgereikt", "admin"),
    "identity:token:revoke": _a("API-sleutel ingetrokken", "admin"),
    "identity:user:create": _a("Account aangemaakt", "admin"),
    "identity:user:disable": _a("Account uitgeschakeld", "admin"),
    "identity:user:invite": _a("Account opnieuw uitgenodigd", "admin"),
    "identity:user:list": _a("Accounts bekeken", "admin"),
    "identity:user:read": _a("Account bekeken", "admin"),
    "identity:user:reset-mfa": _a("Tweede factor hersteld", "admin"),
    "mail:outbox:list": _a("Verzonden e-mails bekeken", "admin"),
    "public:audit-key:read": _a("Publieke sleutel van de auditlog opgehaald", "admin"),
    "public:auth:activate": _a("Activeringspagina geopend", "admin"),
    "public:auth:token": _a("API-sleutel aangevraagd", "admin"),
    "public:health:read": _a("Werking van de dienst gecontroleerd", "admin"),
    "public:page:read": _a("Publieke pagina bekeken", "admin"),
    "public:schema:read": _a("API-beschrijving bekeken", "admin"),
    "public:static:read": _a("Bestand van de website opgehaald", "admin"),
    "retention:due:list": _a("Bewaartermijnen bekeken", "admin"),
    "retention:erasure:decide": _a("Beslissing over een verzoek tot wissing", "change"),
    "retention:file:purge": _a("Dossier gewist na de bewaartermijn", "change"),
    "retention:hold:lift": _a("Juridische blokkering opgeheven", "admin"),
    "retention:hold:place": _a("Juridische blokkering geplaatst", "admin"),
    "retention:member:erase": _a(
        "Gezinslid opnieuw gewist na het terugzetten van een back-up", "change"
    ),
    "rights:objection:list": _a("Bezwaren tegen verwerking bekeken", "admin"),
    "rights:restriction:lift": _a("Beperking van de verwerking opgeheven", "admin"),
    "rights:restriction:list": _a("Beperkingen van de verwerking bekeken", "admin"),
    "rights:restriction:place": _a("Verwerking van gegevens beperkt", "admin"),
    "review:access:attest": _a("Toegang van een collega beoordeeld", "admin"),
    "review:access:list": _a("Te beoordelen toegangen bekeken", "admin"),
    "review:consent:decide": _a("Geregistreerde toestemming beoordeeld", "consent"),
    "review:consent:list": _a("Te beoordelen toestemmingen bekeken", "consent"),
    "review:duplicate-check:list": _a("Dubbelcontroles bekeken", "admin"),
    "review:evidence:read": _a("Bewijs van toestemming nagekeken", "consent"),
    "review:sample:create": _a("Steekproef van toegangen getrokken", "admin"),
    "review:sample:list": _a("Steekproeven van toegangen bekeken", "admin"),
    "review:signal:list": _a("Signalen van mogelijk misbruik bekeken", "admin"),
    "rights:request:file": _a("Verzoek over eigen gegevens ingediend", "change"),
    "rights:request:list": _a("Verzoeken over persoonsgegevens bekeken", "admin"),
    "rights:request:mine": _a("Eigen verzoeken over gegevens bekeken", "read"),
    "rights:request:proxy": _a("Verzoek ingediend namens het gezin", "change"),
    "rights:request:read": _a("Verzoek over persoonsgegevens bekeken", "admin"),
    "rights:request:step": _a("Stap gezet in een verzoek over persoonsgegevens", "admin"),
}

# The kinds of object an event names (``object_type``), alphabetised.
OBJECT_TYPES: dict[str, str] = {
    "access_log": "Overzicht van wie het dossier inzag",
    "access_review_item": "Toegang in de steekproef",
    "access_review_items": "Toegangen in de steekproef",
    "access_review_list": "Te beoordelen toegangen",
    "access_review_sample": "Steekproef van toegangen",
    "access_review_samples": "Steekproeven van toegangen",
    "access_review_signals": "Signalen van mogelijk misbruik",
    "account": "Account",
    "account_change": "Accountwijziging",
    "assignment": "Toewijzing",
    "audit_bundle": "Export van de auditlog",
    "audit_checkpoint": "Controlepunt van de auditlog",
    "audit_events": "Auditlog",
    "colleague_list": "Lijst van collega's",
    "consent": "Toestemming",
    "consent_evidence": "Bewijs van toestemming",
    "consent_review_list": "Te beoordelen toestemmingen",
    "coordination_file": "Dossier",
    "credential": "Aanmeldgegevens",
    "duplicate_check": "Controle op een bestaand dossier",
    "duplicate_checks": "Controles op een bestaand dossier",
    "emergency_grant": "Noodtoegang",
    "emergency_grant_list": "Noodtoegangen",
    "entry": "Verslag of afspraak",
    "entry_annotation": "Rechtzetting bij een verslag",
    "entry_list": "Verslagen en afspraken",
    "erasure_decision": "Beslissing over wissing",
    "family_export": "Alle eigen gegevens van een gezinslid (inzage of kopie)",
    "family_notice_list": "Berichten aan het gezin",
    "file_search": "Zoekopdracht naar een gezin",
    "file_list": "Lijst van dossiers",
    "plan_action": "Actie van het gezinsplan",
    "plan_goal": "Doel van het gezinsplan",
    "task_digest_setting": "Instelling van de dagelijkse takenmail",
    "task_list": "Takenlijst",
    "lead_handover": "Overdracht van de leiding",
    "legal_hold": "Juridische blokkering",
    "link_list": "Koppelingsverzoeken",
    "meeting": "Casusoverleg",
    "meeting_list": "Casusoverleggen",
    "member": "Gezinslid",
    "member_link": "Koppeling met een gezinslid",
    "message": "Bericht",
    "message_attachment": "Bijlage van een bericht",
    "message_thread": "Gesprek",
    "notification_list": "Meldingen",
    "objection": "Bezwaar tegen een verwerking",
    "objection_list": "Bezwaren tegen verwerking",
    "organisation": "Organisatie",
    "outbound_mail": "Uitgaande e-mail",
    "participant": "Partnerorganisatie",
    "referral": "Verwijzing",
    "referral_list": "Verwijzingen",
    "resolution": "Opzoeking van een persoon of dossier",
    "restriction": "Beperking van de verwerking",
    "restriction_list": "Beperkingen van de verwerking",
    "retention_schedule": "Bewaartermijnen",
    "subject_request": "Verzoek over persoonsgegevens",
    "subject_request_list": "Verzoeken over persoonsgegevens",
    "thread_list": "Gesprekken",
}

# The data categories of the vocabulary; an event joins several with "+".
CATEGORIES: dict[str, str] = {
    "identity": "Identiteit",
    "contact": "Contactgegevens",
    "care_plan": "Hulpplan",
    "case_notes": "Verslagen",
    "health": "Gezondheid",
    "education": "School en opleiding",
}

PURPOSES: dict[str, str] = {
    "care_coordination": "Afstemming van hulp tussen partners",
    "case_meeting": "Casusoverleg",
}

OUTCOMES: dict[str, str] = {"allowed": "Toegestaan", "denied": "Geweigerd", "error": "Fout"}

ROLES: dict[str, str] = {
    "social_worker": "Hulpverlener",
    "family": "Gezinslid",
    "dpo": "Functionaris voor gegevensbescherming",
    "admin": "Functioneel beheerder",
    "operator": "Serverbeheerder",
    "system": "Automatische taak",
}

# The policy that decided: every Cedar ``@id``, the deciders outside Cedar, the retention rules.
POLICIES: dict[str, str] = {
    "access-review-sample": "Maandelijkse steekproef van toegangen",
    "addressee-answers-lead": "De partner aan wie de leiding is aangeboden, antwoordt",
    "addressee-answers-referral": "De organisatie waarnaar verwezen is, antwoordt",
    "admin-manages-accounts": "Een beheerder beheert de accounts",
    "admin-manages-organisations": "Een beheerder beheert de organisaties",
    "admin-never-changes-own-account": "Een beheerder wijzigt nooit het eigen account",
    "admin-requests-account-changes": "Een beheerder vraagt accountwijzigingen aan",
    "admin-sees-mail-delivery": "Een beheerder ziet of e-mails verzonden zijn",
    "assigned-or-coordinator-assigns": "Een toegewezen hulpverlener of coördinator wijst toe",
    "closed-file-is-closed-to-partners": "Een afgesloten dossier is dicht voor partners",
    "coordinator-attests-organisation-access": "Een coördinator beoordeelt de toegangen van de "
    "eigen organisatie",
    "coordinator-unassigns": "Een coördinator beëindigt een toewijzing",
    "default-deny": "Geweigerd: geen enkele regel liet dit toe",
    "dpo-follows-access-review": "De functionaris volgt de toegangscontrole op",
    "dpo-decides-erasure": "De functionaris beslist over een verzoek tot wissing",
    "dpo-manages-retention": "De functionaris beheert de bewaartermijnen",
    "dpo-reviews-audit-trail": "De functionaris bekijkt de auditlog",
    "dpo-reviews-duplicate-checks": "De functionaris bekijkt de dubbelcontroles",
    "dpo-reviews-emergency-access": "De functionaris beoordeelt noodtoegangen",
    "dpo-restricts-processing": "De functionaris beperkt de verwerking en volgt bezwaren op",
    "dpo-reviews-recorded-consents": "De functionaris beoordeelt geregistreerde toestemmingen",
    "emergency-read": "Noodtoegang met een wettelijke grond",
    "family-answers-own-link": "Een gezinslid beantwoordt een eigen koppelingsverzoek",
    "family-member-of-file": "Een gezinslid van het dossier",
    "family-objects": "Een gezinslid maakt bezwaar tegen een verwerking",
    "family-sees-own-objections": "Een gezinslid ziet de eigen bezwaren",
    "family-portal-routes": "Pagina's van het gezinsportaal",
    "family-portal-own-statement-route": "Een gezinslid opent het formulier voor een eigen "
    "verklaring",
    "family-reads-own-access-log": "Een gezinslid ziet wie het eigen dossier inzag",
    "held-account-reset-needs-second-person": "Herstel van een geblokkeerd account vraagt een "
    "tweede persoon",
    "holder-never-decides-change-to-own-account": "Niemand beslist over een wijziging aan het "
    "eigen account",
    "host-operator-command": "Opdracht van de serverbeheerder",
    "lead-plans-meetings": "De leidende organisatie plant casusoverleg",
    "lead-offers-lead": "De leidende organisatie biedt de leiding aan",
    "lead-or-author-annotates-entry": "De leidende of schrijvende organisatie zet een verslag "
    "recht",
    "lead-decides-objections": "De leidende organisatie beslist over bezwaren",
    "lead-keeps-member-list": "De leidende organisatie houdt de lijst van gezinsleden bij",
    "lead-manages-file": "De leidende organisatie beheert het dossier",
    "organisation-names-contact": "Een organisatie kiest haar contactpersoon",
    "partner-leaves": "Een partner verlaat het dossier",
    "participant-reads-meetings": "Partner met toestemming voor casusoverleg",
    "participant-refers": "Een partner verwijst het gezin door",
    "participant-records-withdrawal": "Een partner registreert een intrekking",
    "participant-with-consent": "Partner met geldige toestemming",
    "participant-plans": "Toegewezen partner met geldige toestemming werkt aan het gezinsplan",
    "social-worker-plan-routes": "Hulpverleners gebruiken het gezinsplan en hun takenlijst",
    "family-plan-routes": "Gezinsleden gebruiken het gezinsplan in het portaal",
    "family-member-plans": "Gezinslid werkt mee aan het plan van het eigen dossier",
    "privileged-account-needs-second-person": "Een account met meer rechten vraagt een tweede "
    "persoon",
    "restricted": "Dossier of gezinslid met beperkte verwerking",
    "requester-never-decides-own-request": "Niemand beslist over de eigen aanvraag",
    "second-person-decides-account-changes": "Een tweede persoon beslist over accountwijzigingen",
    "security-activity-of-own-account-only": "Enkel de eigen beveiligingsactiviteit",
    "statute-based-is-objected-to": "Tegen een verwerking op grond van de wet maakt men bezwaar",
    "signed-in-manages-own-session": "Een aangemelde persoon beheert de eigen sessie",
    "signed-in-opens-own-security-activity": "Een aangemelde persoon opent de eigen "
    "beveiligingsactiviteit",
    "social-worker-annotation-route": "Rechtzetting van verslagen door hulpverleners",
    "social-worker-finds-a-family": "Een hulpverlener zoekt een gezin",
    "social-worker-meeting-routes": "Pagina's voor casusoverleg",
    "social-worker-handover-routes": "Pagina's voor verwijzing en overdracht",
    "social-worker-coordination-routes": "Pagina's voor hulpverleners",
    "social-worker-reaches-access-review": "Een hulpverlener opent de toegangscontrole",
    "social-worker-objection-routes": "Pagina's voor bezwaren",
    "social-worker-requests-emergency-access": "Een hulpverlener vraagt noodtoegang",
    "social-worker-creates-family-account": "Een hulpverlener maakt een gezinsaccount aan",
    "youth-adds-own-statement": "Een jongere voegt een eigen verklaring toe",
    # Retention rules (policies/retention.toml) decide the purges of a scheduled run.
    "audit-events": "Bewaarregel: auditgebeurtenissen",
    "consent-proofs": "Bewaarregel: bewijs van toestemming",
    "file-closed": "Bewaarregel: afgesloten dossier",
    "gdpr-art17-erasure": "Gewist op verzoek (AVG art. 17)",
    "file-consents-ended": "Bewaarregel: dossier zonder geldige toestemming",
    "file-inactive-review": "Bewaarregel: dossier zonder activiteit",
    "login-records": "Bewaarregel: aanmeldpogingen",
    "sessions": "Bewaarregel: sessies",
    "dpo-handles-subject-requests": "De functionaris behandelt de verzoeken over persoonsgegevens",
    "family-files-for-whom-they-speak": "Een gezinslid dient een verzoek in voor zichzelf of "
    "een kind jonger dan 12",
    "family-reaches-own-requests": "Een gezinslid bekijkt de eigen verzoeken",
    "lead-handles-rectification-and-objection": "De leidende organisatie behandelt een verzoek "
    "tot verbetering of bezwaar",
    "partner-files-on-behalf-under-consent": "Een partner dient met toestemming een verzoek in "
    "namens het gezin",
    "subject-requests": "Verzoeken over persoonsgegevens: bewaartermijn na het antwoord",
    "worker-reaches-on-behalf-requests": "Een hulpverlener opent het formulier voor een verzoek "
    "namens het gezin",
    "worker-reaches-subject-request": "Een hulpverlener opent een verzoek over persoonsgegevens",
    "family-message-routes": "Berichtenpagina's van het gezinsportaal",
    "family-member-messages": "Een gezinslid leest en beantwoordt berichten in het eigen dossier",
    "participant-messages-with-consent": "Partner met geldige toestemming leest en schrijft "
    "berichten",
    "social-worker-message-routes": "Berichtenpagina's voor hulpverleners",
}


def action_text(action: str | None) -> str:
    """What the action did, in Dutch; the code itself when it has no label yet."""
    if action is None:
        return "Inhoud gewist na de bewaartermijn"
    found = ACTIONS.get(action)
    return found.text if found is not None else action


def action_group(action: str | None) -> Group:
    """The group an action belongs to by itself (without its outcome or policy)."""
    if action is None:
        return "admin"
    if action.startswith(EMERGENCY_SCOPE):
        return "emergency"
    found = ACTIONS.get(action)
    if found is not None:
        return found.group
    # An action not labelled yet: guess from its verb, so it is still found under a group.
    return "read" if action.rsplit(":", 1)[-1] in ("read", "list") else "change"


def event_groups(action: str | None, outcome: str | None, policy_id: str | None) -> set[Group]:
    """Every group an event is found under."""
    groups: set[Group] = {action_group(action)}
    if outcome == "denied":
        groups.add("denied")
    if policy_id == EMERGENCY_POLICY:
        groups.add("emergency")
    return groups


def actions_in(group: Group) -> list[str]:
    """The labelled actions of ``group`` (for "read", "change", "consent" and "admin")."""
    return sorted(code for code, label in ACTIONS.items() if label.group == group)


def categories_text(data_category: str | None) -> str | None:
    """The data categories of an event ("care_plan+case_notes") as Dutch words."""
    if not data_category:
        return None
    return ", ".join(_category_text(c) for c in data_category.split("+"))


def _category_text(code: str) -> str:
    # A search records how many files it found ("hits:3"), never what was searched for.
    if code.startswith("hits:") and code[5:].isdigit():
        count = int(code[5:])
        return f"{count} gevonden dossier" + ("" if count == 1 else "s")
    return CATEGORIES.get(code, code)


def label(table: dict[str, str], code: str | None) -> str | None:
    """The Dutch name of ``code`` in ``table``, the code itself when it has none, or None."""
    if code is None:
        return None
    return table.get(code, code)
