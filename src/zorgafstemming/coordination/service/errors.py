"""The coordination refusals, as problem types (free of the web framework)."""

from __future__ import annotations

from zorgafstemming.problems import ConflictError, NotFoundError, ProblemError


class ConsentRequired(ProblemError, status=422, slug="consent-required", title="Consent required"):
    """No consent in force names the caller's organisation for what the request needs."""


class FileClosed(ProblemError, status=409, slug="file-closed", title="File closed"):
    """The file is closed: no new consent, entry or participant."""


class TooManyConsents(
    ProblemError, status=409, slug="too-many-consents", title="Too many consents"
):
    """The file already holds as many consents in force (or waiting) as it may."""


class ForbiddenLead(ProblemError, status=403, slug="lead-only", title="Lead organisation only"):
    """Only the lead organisation of the file may do this."""


def file_not_found() -> NotFoundError:
    """The one answer for "does not exist" and "not yours": the two must look identical."""
    return NotFoundError("No such file.")


class AlreadyLinked(ConflictError, slug="already-linked", title="Already linked"):
    """The family account is linked (or waits to be linked) to a member of this file already:
    one account stands for one person in a file."""


class AlreadyAssigned(ConflictError, slug="already-assigned", title="Already assigned"):
    """The worker is assigned to this file already."""
