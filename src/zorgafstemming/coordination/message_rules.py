"""Pure rules of the messages on a file: whom a message is about, which a partner or a family
member sees. No database."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence


def message_about(own: Sequence[uuid.UUID], thread: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """The members a message is about: those it names, else the members its thread concerns."""
    return sorted(own or thread)


def partner_sees(
    per_member: Mapping[uuid.UUID, frozenset[str]], category: str, about: Iterable[uuid.UUID]
) -> bool:
    """Whether a partner whose consent covers ``per_member`` (the categories per member) sees
    data of ``category`` about every one of ``about`` (about nobody: never, as for entries)."""
    wanted = set(about)
    return bool(wanted) and all(category in per_member.get(m, frozenset()) for m in wanted)


def family_reads_thread(
    audience: str, concerned: Iterable[uuid.UUID], visible_members: frozenset[uuid.UUID]
) -> bool:
    """Whether a family member reads (and answers in) a thread: it is addressed to the family
    and concerns them or a child under 12 they represent (``visible_members``)."""
    return audience == "family" and bool(set(concerned) & visible_members)


def outside_audience(
    audience: str, concerned: Iterable[uuid.UUID], about: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """The members a message in a family thread may not be about: those the thread does not
    concern (its family readers would see data about someone else). None in a partners'
    thread."""
    if audience != "family":
        return []
    allowed = set(concerned)
    return [m for m in about if m not in allowed]
