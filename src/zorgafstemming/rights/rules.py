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
OPEN_STATUSES: frozenset[str] = frozenset({"received", "in_progress", "extended"})
CLOSED_STATUSES: frozenset[str] = frozenset({"answered", "refused"})
# The lead organisation corrects and weighs an objection itself; erasure, restriction, access
# and portability are the DPO's to decide.
LEAD_HANDLES: frozenset[str] = frozenset({"rectification", "objection"})
# Steps whose reason (or outcome note) must be given.
REASON_REQUIRED: frozenset[str] = frozenset({"extend", "answer", "refuse"})

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


def is_open(status: str) -> bool:
    """Whether a request still waits for its answer."""
    return status in OPEN_STATUSES


def lead_may_handle(kind: str) -> bool:
    """Whether the file's lead organisation (besides the DPO) takes steps on a request of
    ``kind``."""
    return kind in LEAD_HANDLES
