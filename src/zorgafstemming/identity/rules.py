"""Pure identity rules, testable without a database."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from typing import Literal

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
# Roles whose accounts a single administrator never creates, re-enables or hands out alone.
PRIVILEGED_ROLES = frozenset({Role.ADMIN, Role.DPO})

# The in-person code on a family member's letter: typed by hand, so no 0/O, 1/I/L or 5/S pairs
# to confuse; 10 characters of 30 are ~49 bits, tried at most a few hundred times a minute.
IN_PERSON_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ23456789"
IN_PERSON_LENGTH = 10
IN_PERSON_TTL = timedelta(days=14)
# The code mailed to the address a family member types: proves they read that mailbox.
EMAIL_CODE_DIGITS = 8
EMAIL_CODE_TTL = timedelta(minutes=30)
EMAIL_CODE_MAX_ATTEMPTS = 5
ACTIVATION_TTL = timedelta(days=7)

ChangeKind = Literal["create", "reinvite", "reset-mfa", "change"]
ChangeStatus = Literal["pending", "approved", "rejected", "expired"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("create", "reinvite", "reset-mfa", "change")
CHANGE_STATUSES: tuple[ChangeStatus, ...] = ("pending", "approved", "rejected", "expired")
CHANGE_TTL = timedelta(days=7)


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


def normalise_in_person_code(raw: str) -> str | None:
    """The in-person code as stored (upper case, without spaces or hyphens), or None when it
    cannot be one."""
    value = "".join(ch for ch in raw[:64].upper() if ch not in " -")
    if len(value) != IN_PERSON_LENGTH or any(ch not in IN_PERSON_ALPHABET for ch in value):
        return None
    return value


def format_in_person_code(code: str) -> str:
    """The code as printed on the letter: two groups of five, easy to read aloud and type."""
    return f"{code[:5]}-{code[5:]}"


def normalise_email_code(raw: str) -> str | None:
    """The mailed verification code without spaces, or None when it is not eight digits."""
    value = raw[:32].replace(" ", "")
    if len(value) != EMAIL_CODE_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return value


def creation_needs_approval(role: Role) -> bool:
    """An administrator or DPO account exists only once a second person approves it."""
    return role in PRIVILEGED_ROLES


def renewal_needs_approval(status: str) -> bool:
    """Re-inviting or resetting an account someone holds (active, or disabled after use) hands
    its sign-in to whoever gets the new link: a second person must approve it. An account
    nobody activated yet is re-invited at once (to its own address)."""
    return status in ("active", "disabled")


def change_status(stored: str, expires_at: datetime, now: datetime) -> ChangeStatus:
    """The status a request has now: a pending request past its expiry has expired."""
    if stored == "pending" and now >= expires_at:
        return "expired"
    if stored not in CHANGE_STATUSES:
        raise ValueError(f"unknown change status {stored!r}")
    return stored


def role_change_problem(
    current: Role,
    role: Role,
    organisation_id: uuid.UUID | None,
    has_email: bool,
) -> tuple[str, str] | None:
    """(field, message) when an account of role ``current`` may not become ``role`` in
    ``organisation_id``: family accounts belong to a person in a file and never change role,
    and no staff account becomes a family account."""
    if current is Role.FAMILY or role is Role.FAMILY:
        return "role", "family accounts do not change role"
    return account_shape_problem(role, organisation_id, has_email)
