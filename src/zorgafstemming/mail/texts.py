"""The texts of the mails: one plain-text Jinja template per kind in ``mail/templates/``, on one
layout (greeting and signature), each with a fixed Dutch subject.

Mails carry no case content; the values put in are links built from the public base URL, codes
and dates the service made, and a device description from a fixed table — never free text a
person typed, so plain text needs no escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from zorgafstemming.mail.outbox import Attachment, MailKind, Message

TEMPLATE_DIR = Path(__file__).parent / "templates"

SUBJECTS: dict[MailKind, str] = {
    "activation": "Activeer uw account voor zorgafstemming",
    "account-reset": "Uw account is opnieuw ingesteld",
    "account-change": "Uw account in zorgafstemming is gewijzigd",
    "email-verification": "Uw bevestigingscode voor zorgafstemming",
    "new-device": "Aangemeld vanaf een nieuw toestel",
    "emergency-access": "Noodtoegang tot een dossier: beoordeel ze",
    "objection-raised": "Nieuw bezwaar tegen een verwerking",
    "access-review": "Toegangen van uw organisatie om na te kijken",
    "task-digest": "Uw taken in zorgafstemming vandaag",
    "meeting-invitation": "Uitnodiging: casusoverleg",
    "meeting-cancellation": "Geannuleerd: casusoverleg",
}

_ENV = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=False,  # noqa: S701 - plain text, not HTML: nothing to escape (module doc)
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def compose(
    kind: MailKind, to: str, *, attachments: Sequence[Attachment] = (), **values: Any
) -> Message:
    """The mail of ``kind`` to ``to``, its text rendered with ``values``."""
    body = _ENV.get_template(f"{kind}.txt").render(**values)
    return Message(to, SUBJECTS[kind], body, tuple(attachments))
