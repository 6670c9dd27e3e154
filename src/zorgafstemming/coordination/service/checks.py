"""Input checks of coordination requests: each returns the errors it finds, by field path, with
messages that never repeat the value."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from zorgafstemming.coordination import rules
from zorgafstemming.coordination.rules import MemberFacts
from zorgafstemming.coordination.schemas import ConsentTerms, MemberIn
from zorgafstemming.coordination.vocabulary import Vocabulary
from zorgafstemming.identity.models import Organisation
from zorgafstemming.problems import ValidationFailed


def field_error(field_name: str, message: str) -> dict[str, str]:
    """One entry of a validation problem's ``errors``."""
    return {"field": field_name, "message": message}


def invalid(detail: str, errors: list[dict[str, str]]) -> ValidationFailed:
    """The validation problem with these field errors."""
    return ValidationFailed(detail, extra={"errors": errors})


def raise_if(errors: list[dict[str, str]]) -> None:
    """Refuse the request when any check found an error."""
    if errors:
        raise invalid("The request breaks a rule.", errors)


def check_terms(
    terms: ConsentTerms, where: str, now: datetime, vocab: Vocabulary
) -> tuple[datetime, list[dict[str, str]]]:
    """Validate a consent's words and period; returns its start and the errors found."""
    errors: list[dict[str, str]] = []
    for i, purpose in enumerate(terms.purposes):
        if purpose not in vocab.purposes:
            errors.append(field_error(f"{where}.purposes[{i}]", "unknown purpose"))
    for i, category in enumerate(terms.categories):
        if category not in vocab.categories:
            errors.append(field_error(f"{where}.categories[{i}]", "unknown data category"))
    start = terms.valid_from or now
    for name, value in (("valid_from", start), ("valid_until", terms.valid_until)):
        if value.tzinfo is None:
            errors.append(field_error(f"{where}.{name}", "needs a time zone offset"))
    if errors:
        return start, errors
    if terms.valid_until <= start:
        errors.append(field_error(f"{where}.valid_until", "must be after valid_from"))
    elif terms.valid_until - start > rules.MAX_CONSENT_DURATION:
        errors.append(field_error(f"{where}.valid_until", "a consent runs three years at most"))
    if start < now:  # never back-dated: a consent starts when it is recorded, or later
        errors.append(field_error(f"{where}.valid_from", "may not lie in the past"))
    elif start > now + rules.MAX_CONSENT_DURATION:
        errors.append(field_error(f"{where}.valid_from", "too far in the future"))
    return start, errors


async def check_organisations(
    session: AsyncSession, wanted: dict[uuid.UUID, str]
) -> list[dict[str, str]]:
    """An error at its field path for each wanted organisation that does not exist."""
    if not wanted:
        return []
    known = set(
        await session.scalars(select(Organisation.id).where(Organisation.id.in_(list(wanted))))
    )
    return [
        field_error(where, "unknown organisation")
        for org, where in wanted.items()
        if org not in known
    ]


def check_members(members: Sequence[MemberIn], now: datetime) -> list[dict[str, str]]:
    """The members of a new file: unique, born in the past, valid national numbers, names."""
    errors: list[dict[str, str]] = []
    today = rules.local_date(now)
    refs: set[str] = set()
    seen_insz: set[str] = set()
    seen_people: set[tuple[str, str, date]] = set()
    for i, member in enumerate(members):
        where = f"members[{i}]"
        if member.ref in refs:
            errors.append(field_error(f"{where}.ref", "used twice"))
        refs.add(member.ref)
        if member.birth_date > today:
            errors.append(field_error(f"{where}.birth_date", "lies in the future"))
        elif member.birth_date.year < 1900:
            errors.append(field_error(f"{where}.birth_date", "before 1900"))
        if member.insz is not None:
            try:
                insz = rules.normalise_insz(member.insz)
            except rules.InvalidInsz:
                errors.append(field_error(f"{where}.insz", "not a valid national number"))
            else:
                if insz in seen_insz:
                    errors.append(field_error(f"{where}.insz", "duplicate member"))
                seen_insz.add(insz)
        person = (
            member.given_name.strip().casefold(),
            member.family_name.strip().casefold(),
            member.birth_date,
        )
        if person in seen_people:
            errors.append(field_error(where, "duplicate member"))
        seen_people.add(person)
        if not member.given_name.strip() or not member.family_name.strip():
            errors.append(field_error(where, "names may not be blank"))
    return errors


def capacity_errors(
    giver: MemberFacts,
    covered: Sequence[tuple[str, MemberFacts]],
    at: datetime,
) -> list[dict[str, str]]:
    """An error for each covered member the giver may not consent for (the 12-year rule)."""
    return [
        field_error(
            where,
            "a youth of 12 or older consents for themselves; a parent or guardian "
            "consents only for a child under 12",
        )
        for where, member in covered
        if not rules.may_consent_for(giver, member, at)
    ]
