"""Pure identity rules, testable without a database."""

from __future__ import annotations

import re
import uuid

from zorgafstemming.identity.principal import Role

# Deliberately simple: one @, no spaces, a dot in the domain. Delivery proves the rest.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")

ORGANISATION_KINDS = (
    "child_family",
    "youth_welfare",
    "pupil_guidance",
    "social_services",
    "school",
    "network",
    "other",
)
MUNICIPALITIES = ("Brecht", "Schilde", "Wijnegem", "Zandhoven", "Zoersel")
STAFF_ROLES = frozenset({Role.ADMIN, Role.SOCIAL_WORKER, Role.DPO})


def normalise_email(email: str) -> str | None:
    """Lower-cased, trimmed email, or None when it is not shaped like an address."""
    value = email.strip().lower()
    if len(value) > 254 or not _EMAIL.match(value):
        return None
    return value


def slug_is_valid(slug: str) -> bool:
    """Lower-case letters, digits and inner hyphens, at most 64 characters."""
    return bool(_SLUG.match(slug))


def account_shape_problem(
    role: Role, organisation_id: uuid.UUID | None, has_email: bool
) -> tuple[str, str] | None:
    """(field, message) when this combination of role, organisation and email is not allowed.

    Social workers belong to exactly one organisation; admin and DPO serve the whole network;
    family accounts belong to no organisation and may lack an email address.
    """
    if role is Role.SOCIAL_WORKER and organisation_id is None:
        return "organisation_id", "a social worker belongs to an organisation"
    if role is not Role.SOCIAL_WORKER and organisation_id is not None:
        return "organisation_id", "only social workers belong to an organisation"
    if role in STAFF_ROLES and not has_email:
        return "email", "staff accounts need an email address"
    return None
