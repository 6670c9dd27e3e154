"""The DPO's audit page as a person reads it: the filter from the query, and each visit (one
request) as one row in Dutch words. Presentation only; the visits come from ``audit.visits``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from zorgafstemming.audit import labels
from zorgafstemming.audit.references import audit_prefix, short_reference
from zorgafstemming.audit.visits import Visit, VisitFilter
from zorgafstemming.web.date_input import FILTER_ERROR as DATE_ERROR
from zorgafstemming.web.date_input import parse_day

# The query parameters of the page, in Dutch like its other addresses; ``na`` is the cursor.
FILTER_FIELDS = ("van", "tot", "organisatie", "account", "dossier", "groep")
CURSOR = "na"
_FULL_REF = re.compile(r"[0-9a-f]{64}")

MESSAGES = {
    "van": DATE_ERROR,
    "tot": DATE_ERROR,
    "organisatie": "Kies een organisatie uit de lijst.",
    "account": "Een accountreferentie bestaat uit 8 tekens (cijfers en letters), of uit 64.",
    "dossier": "Een dossierreferentie bestaat uit 8 tekens (cijfers en letters), zoals 3K9D7QXA.",
    "groep": "Kies een soort uit de lijst.",
}


@dataclass
class AuditQuery:
    """The filter the DPO asked for, the values to show again and Dutch errors per field."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    since: datetime | None = None
    until: datetime | None = None
    actor_ref: str | None = None
    actor_prefix: str | None = None
    org_id: str | None = None
    file_prefix: str | None = None
    group: labels.Group | None = None

    def visit_filter(self, org_refs: Mapping[str, str]) -> VisitFilter:
        """The service's filter; ``org_refs`` maps organisation ids to their audit refs."""
        return VisitFilter(
            since=self.since,
            until=self.until,
            actor_ref=self.actor_ref,
            actor_prefix=self.actor_prefix,
            actor_org_ref=org_refs.get(self.org_id) if self.org_id else None,
            file_prefix=self.file_prefix,
            group=self.group,
        )

    def export_link(self) -> str:
        """The filtered export of what this filter selects by period, file and account (the
        export knows no organisation or group: a bundle is verified by file and account)."""
        params = [
            ("van", self.values.get("van", "")),
            ("tot", self.values.get("tot", "")),
            ("dossier", self.values.get("dossier", "")),
            ("persoon", self.values.get("account", "")),
        ]
        query = urlencode([(k, v) for k, v in params if v])
        return "/fg/audit/export" + (f"?{query}" if query else "")

    def link(self, **changes: str) -> str:
        """The page's address with this filter and ``changes`` (empty values left out)."""
        params = {**self.values, **changes}
        query = urlencode([(k, v) for k, v in params.items() if v])
        return "/fg/audit" + (f"?{query}" if query else "")


def _day(text: str, *, end: bool) -> datetime:
    day = parse_day(text)
    if day is None:
        raise ValueError("not a day")
    moment = datetime.combine(day, time(0, 0), tzinfo=UTC)
    return moment + timedelta(days=1) if end else moment


def parse_query(params: Any, organisation_ids: set[str]) -> AuditQuery:
    """The audit filter from the page's query parameters."""
    values = {k: str(params.get(k, "")).strip()[:100] for k in FILTER_FIELDS}
    query = AuditQuery(values)
    errors = query.errors
    for name, end in (("van", False), ("tot", True)):
        if values[name]:
            try:
                moment = _day(values[name], end=end)
            except ValueError:
                errors[name] = MESSAGES[name]
                continue
            if end:
                query.until = moment
            else:
                query.since = moment
    if values["organisatie"]:
        if values["organisatie"] in organisation_ids:
            query.org_id = values["organisatie"]
        else:
            errors["organisatie"] = MESSAGES["organisatie"]
    account = values["account"].lower()
    if account:
        if _FULL_REF.fullmatch(account):
            query.actor_ref = account
        elif (prefix := audit_prefix(account)) is not None:
            query.actor_prefix = prefix
        else:
            errors["account"] = MESSAGES["account"]
    if values["dossier"]:
        prefix = audit_prefix(values["dossier"])
        if prefix is None:
            errors["dossier"] = MESSAGES["dossier"]
        else:
            query.file_prefix = prefix
    if values["groep"]:
        if values["groep"] in labels.GROUPS:
            query.group = values["groep"]
        else:
            errors["groep"] = MESSAGES["groep"]
    return query


@dataclass(frozen=True)
class Part:
    """One thing a visit did: the action in Dutch and the data it touched."""

    text: str
    categories: str | None
    object_type: str | None
    refused: bool


@dataclass(frozen=True)
class VisitRow:
    """One row of the audit page: one request, in Dutch words and short references."""

    at: datetime
    role: str
    organisation: str | None
    account_ref: str | None
    account_short: str | None
    file_ref: str | None
    file_short: str | None
    parts: list[Part]
    outcome: str
    refused: bool
    emergency: bool
    policies: list[str]


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def visit_row(visit: Visit, organisation_names: Mapping[str, str]) -> VisitRow:
    """``visit`` as a row; ``organisation_names`` maps organisation audit refs to names."""
    events = sorted(visit.events, key=lambda e: (e.occurred_at, e.id))  # in the order done
    parts: list[Part] = []
    for event in events:
        part = Part(
            text=labels.action_text(event.action),
            categories=labels.categories_text(event.data_category),
            object_type=labels.label(labels.OBJECT_TYPES, event.object_type),
            refused=event.outcome == "denied",
        )
        if part not in parts:
            parts.append(part)
    outcomes = {e.outcome for e in events}
    outcome = next((o for o in ("denied", "error", "allowed") if o in outcomes), None)
    groups = set().union(*(labels.event_groups(e.action, e.outcome, e.policy_id) for e in events))
    policies: list[str] = []
    for event in events:
        text = labels.label(labels.POLICIES, event.policy_id)
        if text and text not in policies:
            policies.append(text)
    head = visit.head
    file_ref = _first([e.file_ref for e in visit.events])
    account_ref = _first([e.actor_ref for e in visit.events])
    org_ref = _first([e.actor_org_ref for e in visit.events])
    return VisitRow(
        at=head.occurred_at,
        role=labels.label(labels.ROLES, head.actor_role) or "Onbekend",
        organisation=organisation_names.get(org_ref, "Andere organisatie") if org_ref else None,
        account_ref=account_ref,
        account_short=short_reference(account_ref) if account_ref else None,
        file_ref=file_ref,
        file_short=short_reference(file_ref) if file_ref else None,
        parts=parts,
        # A purged event keeps no outcome: say so rather than guess one.
        outcome=labels.OUTCOMES[outcome] if outcome else "Niet meer bewaard",
        refused=outcome == "denied",
        emergency="emergency" in groups,
        policies=policies,
    )


def group_options() -> list[tuple[str, str]]:
    """The choices of the "soort" filter."""
    return [("", "Alle soorten"), *labels.GROUPS.items()]
