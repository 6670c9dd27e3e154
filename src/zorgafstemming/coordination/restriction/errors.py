"""The refusals of restriction and objection, as problem types (free of the web framework)."""

from __future__ import annotations

from zorgafstemming.problems import ProblemError


class Restricted(ProblemError, status=409, slug="restricted", title="Processing restricted"):
    """The processing of this file's data (or of this member's data) is restricted (GDPR art.
    18): partners see that the file exists and that it is restricted, nothing more, and may
    neither read nor change its personal data until the DPO lifts the restriction. Withdrawing
    a consent stays possible (it only narrows access)."""


class ObjectionRequired(
    ProblemError, status=409, slug="objection-required", title="Objection required"
):
    """The consent rests on a statutory basis (the decree on integrated youth care, art. 74),
    which the family does not withdraw: object to the processing instead
    (``POST /api/v1/me/objections``); the lead organisation then decides on it."""


class NotOpenToObjection(
    ProblemError, status=422, slug="not-open-to-objection", title="Not open to objection"
):
    """The consent rests on the family's consent, which the family withdraws rather than
    objects to; or it no longer covers the member objected for."""


class AlreadyRestricted(
    ProblemError, status=409, slug="already-restricted", title="Already restricted"
):
    """A restriction of the same scope (the whole file, or this member) is in force already."""


class NotInForce(ProblemError, status=409, slug="not-in-force", title="No longer in force"):
    """The restriction was lifted already, or the objection was decided already."""


class ObjectionOpen(ProblemError, status=409, slug="objection-open", title="Objection open"):
    """An objection by this member about this consent is still waiting for a decision."""


class ReasonRequired(ProblemError, status=422, slug="reason-required", title="Reason required"):
    """The step is recorded with a reason: a non-empty text of at most 2000 characters."""
