"""The short file reference: the same eight characters from the same file, and back to the
audit references it stands for."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from zorgafstemming.audit.references import audit_prefix, file_reference, short_reference
from zorgafstemming.audit.service import audit_ref

KEY = b"k" * 32


def test_a_file_has_one_reference_of_eight_unambiguous_characters() -> None:
    file_id = uuid.uuid4()
    first = file_reference(KEY, file_id)
    assert first == file_reference(KEY, file_id)
    assert len(first) == 8
    assert not set(first) & set("ILOU")


def test_two_files_have_different_references() -> None:
    refs = {file_reference(KEY, uuid.uuid4()) for _ in range(2000)}
    assert len(refs) == 2000


@given(st.uuids())
def test_a_typed_reference_leads_back_to_its_audit_reference(file_id: uuid.UUID) -> None:
    ref = audit_ref(KEY, "file", file_id)
    typed = short_reference(ref).lower()
    prefix = audit_prefix(f"{typed[:4]}-{typed[4:]}")
    assert prefix is not None
    assert ref.startswith(prefix)


def test_look_alike_letters_are_read_as_digits() -> None:
    assert audit_prefix("OOOOOOOI") == audit_prefix("00000001")


def test_text_that_is_no_reference_is_refused() -> None:
    assert audit_prefix("ABC") is None
    assert audit_prefix("ABCDEFGU") is None
    assert audit_prefix("Peeters!") is None
