"""Where a consent comes from, as the server decides it, and the limits every new consent
meets: the provenance of a record, the number of consents a file may hold, and what a partner's
worker sees of a consent it changes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import msgspec

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.rules import ConsentFacts
from zorgafstemming.coordination.schemas import ConsentView
from zorgafstemming.coordination.service.errors import TooManyConsents
from zorgafstemming.coordination.service.evidence import StoredEvidence

# Consents in force or waiting for confirmation that one file may hold: each one is read by
# every access decision on the file, so their number stays bounded.
MAX_CONSENTS_IN_FORCE = 50

_NOTICE_KINDS = {
    "family_portal": "consent_given",
    "signed_form": "consent_recorded",
    "in_person": "consent_pending",
}


@dataclass(frozen=True)
class Provenance:
    """Where a consent comes from, as the server decides it (never the request)."""

    collection_method: Literal["family_portal", "signed_form", "in_person"]
    recorded_by_organisation_id: uuid.UUID | None = None
    evidence: StoredEvidence | None = None

    @property
    def awaiting_confirmation(self) -> bool:
        """Recorded by a partner without the signed form: it grants nothing until confirmed."""
        staff = self.recorded_by_organisation_id is not None
        return staff and self.collection_method == "in_person"

    @property
    def recipients_join(self) -> bool:
        """Given in the portal: the organisations the family named take part in the file."""
        return self.collection_method == "family_portal"

    @property
    def notice_kind(self) -> str:
        """What the family's notice about this consent says happened."""
        return _NOTICE_KINDS[self.collection_method]


FAMILY_PORTAL = Provenance("family_portal")


def recorded_by_staff(organisation_id: uuid.UUID, evidence: StoredEvidence | None) -> Provenance:
    """A consent a partner's worker records: in force with the scan, pending without it."""
    if evidence is None:
        return Provenance("in_person", organisation_id)
    return Provenance("signed_form", organisation_id, evidence)


def in_force_count(consents: Iterable[ConsentFacts], at: datetime) -> int:
    """The consents that count towards the limit: in force or waiting (not withdrawn or
    expired)."""
    return sum(1 for c in consents if rules.consent_state(c, at) in ("active", "pending"))


def check_consent_limit(consents: Iterable[ConsentFacts], at: datetime, adding: int) -> None:
    """Refuse adding ``adding`` consents beyond :data:`MAX_CONSENTS_IN_FORCE`."""
    if in_force_count(consents, at) + adding > MAX_CONSENTS_IN_FORCE:
        raise TooManyConsents(
            f"A file holds at most {MAX_CONSENTS_IN_FORCE} consents in force or waiting for "
            "confirmation; withdraw one that no longer applies first."
        )


def record_of(
    consent: ConsentFacts,
    provenance: Provenance,
    now: datetime,
    legal_basis: str,
    notice_version: str,
) -> dict[str, Any]:
    """What a new consent record holds besides its facts (as :class:`FileFacts` keeps it)."""
    evidence = provenance.evidence
    return {
        "on_behalf": consent.members != {consent.given_by},
        "legal_basis": legal_basis,
        "collection_method": provenance.collection_method,
        "evidence_hash": evidence.sha256 if evidence is not None else None,
        "notice_version": notice_version,
        "recorded_at": now,
        "recorded_by_organisation_id": provenance.recorded_by_organisation_id,
    }


def as_seen_by(view: ConsentView, organisation_id: uuid.UUID | None) -> ConsentView:
    """A consent as a partner's worker may see it: its own organisation among the recipients,
    never the other organisations it names (the view holds no evidence hash)."""
    return msgspec.structs.replace(
        view, recipients=[r for r in view.recipients if r == organisation_id]
    )
