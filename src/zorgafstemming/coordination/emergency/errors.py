"""The refusals of emergency access, as problem types (free of the web framework)."""

from __future__ import annotations

from zorgafstemming.problems import ProblemError


class UnknownFileReference(
    ProblemError, status=422, slug="unknown-file-reference", title="Unknown file reference"
):
    """No open file has this short reference. A reference that names no file and one that names
    a file that is closed (or that two files share) get this same answer."""


class EmergencyGrantRunning(
    ProblemError, status=409, slug="emergency-grant-running", title="Emergency grant running"
):
    """The caller holds an emergency grant on this file that still runs: a grant is never
    extended or renewed; ask again, as a new grant, once it has ended."""


class GroundIncomplete(
    ProblemError, status=422, slug="ground-incomplete", title="Legal ground incomplete"
):
    """The legal ground needs more: the ground ``other`` needs an explanation, and a delay of
    telling the family needs both a reason and a last day that is not in the past."""


class AlreadyReviewed(ProblemError, status=409, slug="already-reviewed", title="Already reviewed"):
    """The DPO reviewed this emergency grant already; a review is final."""
