"""The file's short reference: eight characters that name one file everywhere a person sees it.

The worker's dashboard, the family portal, the DPO's pages and the audit export all show the same
eight characters, so a DPO can match what a family or a worker reads out to them. The reference
is the first 40 bits of the file's pseudonymous audit reference (HMAC under the audit key, see
``audit_ref``) written in Crockford's base32 (no I, L, O or U, so it reads aloud without doubt).
It reveals nothing about the file or the family: it is a keyed hash of the file's id, and it
outlives the file, so an audit event of a purged file keeps its reference.

Forty bits is short enough to read out and long enough that two files of one network rarely
share a reference; a lookup by reference may still match more than one file, and callers treat
it as a filter, never as a key.
"""

from __future__ import annotations

import re
import uuid

from zorgafstemming.audit.service import audit_ref

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
# The hex digits of the audit reference that the eight characters stand for (40 bits).
HEX_PREFIX_LENGTH = 10
# Letters a person may type for a digit that looks alike (Crockford's decoding rules).
_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-]")


def short_reference(audit_file_ref: str) -> str:
    """The eight characters of a file given its audit reference (64 hex digits)."""
    value = int(audit_file_ref[:HEX_PREFIX_LENGTH], 16)
    chars = []
    for _ in range(LENGTH):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def file_reference(audit_key: bytes, file_id: uuid.UUID) -> str:
    """The short reference of the file ``file_id``."""
    return short_reference(audit_ref(audit_key, "file", file_id))


def audit_prefix(reference: str) -> str | None:
    """The hex prefix of the audit references a typed short reference stands for, or None
    when the text is not a short reference. Case, spaces, dashes and the look-alike letters
    I, L and O are forgiven."""
    text = _SEPARATORS.sub("", reference).upper().translate(_ALIASES)
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return None
    value = 0
    for c in text:
        value = (value << 5) | ALPHABET.index(c)
    return f"{value:0{HEX_PREFIX_LENGTH}x}"
