"""Pure rules of a data-subject request: its kinds, statuses, the steps that move it on and
who may take them. No database, no clock."""

from __future__ import annotations

from typing import Literal

RequestKind = Literal[
    "access", "rectification", "erasure", "restriction", "objection", "portability"
]
RequestStatus = Literal["received", "in_progress", "extended", "answered", "refused"]
StepKind = Literal["receive", "start", "extend", "answer", "refuse"]
TakenStep = Literal["start", "extend", "answer", "refuse"]
RequestScope = Literal["member", "file"]

KINDS: tuple[RequestKind, ...] = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "objection",
    "portability",
)
STATUSES: tuple[RequestStatus, ...] = ("received", "in_progress", "extended", "answered", "refused")
STEPS: tuple[StepKind, ...] = ("receive", "start", "extend", "answer", "refuse")
# The kinds whose act reaches either one member's data or the whole file: a request of these
# kinds says which it asks for, and only an act of that reach answers it.
WHOLE_FILE_KINDS: frozenset[str] = frozenset({"erasure", "restriction"})
OPEN_STATUSES: frozenset[str] = frozenset({"received", "in_progress", "extended"})
CLOSED_STATUSES: frozenset[str] = frozenset({"answered", "refused"})
# The lead organisation corrects and weighs an objection itself; erasure, restriction, access
# and portability are the DPO's to decide.
LEAD_HANDLES: frozenset[str] = frozenset({"rectification", "objection"})
# Steps whose reason (or outcome note) must be given.
REASON_REQUIRED: frozenset[str] = frozenset({"extend", "answer", "refuse"})
# Access (art. 15) and portability (art. 20) are answered by the family's export: the answer's
# note is a fixed text saying where the family finds its data (no personal data in it), never
# one the handler types; the family's page of the request then links the export.
EXPORT_KINDS: frozenset[str] = frozenset({"access", "portability"})
EXPORT_ANSWER_NOTES: dict[str, str] = {
    "access": (
        "Uw verzoek om inzage is beantwoord. Alle gegevens die we bijhouden, vindt u in het"
        " gezinsportaal, bij dit verzoek en bij 'Mijn gegevens': een overzicht om te lezen en af"
        " te drukken (Inzage), en een bestand voor een computer (JSON)."
    ),
    "portability": (
        "Uw verzoek om overdracht is beantwoord. Alle gegevens die we bijhouden, vindt u in het"
        " gezinsportaal, bij dit verzoek en bij 'Mijn gegevens': een bestand voor een computer"
        " (JSON) dat u aan een andere organisatie kunt geven, en een overzicht om te lezen en af"
        " te drukken (Inzage)."
    ),
}

# step -> (statuses it may be taken from, status it leads to)
TRANSITIONS: dict[TakenStep, tuple[frozenset[str], RequestStatus]] = {
    "start": (frozenset({"received"}), "in_progress"),
    # Once only: an extended request cannot be extended again.
    "extend": (frozenset({"received", "in_progress"}), "extended"),
    "answer": (frozenset({"received", "in_progress", "extended"}), "answered"),
    "refuse": (frozenset({"received", "in_progress", "extended"}), "refused"),
}


def next_status(status: str, step: TakenStep) -> RequestStatus | None:
    """The status ``step`` leads to from ``status``; None when the step is not allowed there."""
    sources, target = TRANSITIONS[step]
    return target if status in sources else None


def scope_fits(kind: str, scope: str) -> bool:
    """Whether a request of ``kind`` may ask for ``scope``: every kind about one member; only
    erasure and restriction about the whole file."""
    return scope == "member" or kind in WHOLE_FILE_KINDS


def is_open(status: str) -> bool:
    """Whether a request still waits for its answer."""
    return status in OPEN_STATUSES


def answered_by_export(kind: str) -> bool:
    """Whether a request of ``kind`` is answered by the family's export, with a fixed note."""
    return kind in EXPORT_KINDS


def fixed_answer_note(kind: str) -> str | None:
    """The fixed note the answer to a request of ``kind`` keeps (access, portability), or None
    when the handler writes it."""
    return EXPORT_ANSWER_NOTES.get(kind)


def links_export(kind: str, status: str) -> bool:
    """Whether the family's page of a request links the export: an access or portability
    request that was answered."""
    return answered_by_export(kind) and status == "answered"


def lead_may_handle(kind: str) -> bool:
    """Whether the file's lead organisation (besides the DPO) takes steps on a request of
    ``kind``."""
    return kind in LEAD_HANDLES
