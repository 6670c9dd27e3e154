"""RFC 6962 tree heads, proofs and checkpoint notes, checked against the RFC's definitions."""

from __future__ import annotations

import base64
import hashlib

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorgafstemming.audit import canonical
from zorgafstemming.audit.merkle import (
    EMPTY_ROOT,
    Frontier,
    Tree,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)
from zorgafstemming.audit.note import (
    NoteError,
    Signer,
    Verifier,
    parse_checkpoint,
    verify_checkpoint,
)


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1 MTH, written as the RFC states it (recursive)."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def leaves_of(n: int) -> list[bytes]:
    return [leaf_hash(f"event {i}".encode()) for i in range(n)]


def test_known_rfc6962_values() -> None:
    # Certificate Transparency's reference vectors: the empty tree and the leaf of "".
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert leaf_hash(b"").hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
    )


@given(st.integers(min_value=0, max_value=70))
def test_frontier_and_tree_agree_with_the_rfc(n: int) -> None:
    leaves = leaves_of(n)
    frontier = Frontier()
    for i, leaf in enumerate(leaves):
        frontier.append(leaf)
        assert frontier.root() == mth(leaves[: i + 1])
    again = Frontier.from_bytes(frontier.size, frontier.to_bytes())
    assert again.root() == mth(leaves)
    tree = Tree(leaves)
    for size in range(n + 1):
        assert tree.root(size) == mth(leaves[:size])


@given(st.integers(min_value=1, max_value=40), st.data())
def test_inclusion_proofs_verify_and_catch_a_wrong_leaf(n: int, data: st.DataObject) -> None:
    leaves = leaves_of(n)
    tree = Tree(leaves)
    size = data.draw(st.integers(min_value=1, max_value=n))
    index = data.draw(st.integers(min_value=0, max_value=size - 1))
    proof = tree.inclusion_proof(index, size)
    root = mth(leaves[:size])
    assert verify_inclusion(leaves[index], index, size, proof, root)
    assert not verify_inclusion(leaf_hash(b"forged"), index, size, proof, root)
    if size > 1:
        assert not verify_inclusion(leaves[index], (index + 1) % size, size, proof, root)


@given(st.integers(min_value=1, max_value=40), st.data())
def test_consistency_proofs_verify_and_catch_a_fork(n: int, data: st.DataObject) -> None:
    leaves = leaves_of(n)
    tree = Tree(leaves)
    first = data.draw(st.integers(min_value=1, max_value=n))
    second = data.draw(st.integers(min_value=first, max_value=n))
    proof = tree.consistency_proof(first, second)
    assert verify_consistency(first, second, mth(leaves[:first]), mth(leaves[:second]), proof)
    forked = [*leaves[: first - 1], leaf_hash(b"rewritten"), *leaves[first:]]
    assert not verify_consistency(first, second, mth(forked[:first]), mth(leaves[:second]), proof)


def test_checkpoint_note_round_trip_and_forgeries() -> None:
    signer = Signer(bytes(range(32)))
    root = hashlib.sha256(b"root").digest()
    note = signer.checkpoint(7, root)
    body, _, signature = note.partition("\n\n")
    assert body.split("\n") == ["zorgafstemming/audit-log", "7", base64.b64encode(root).decode()]
    assert signature.startswith("\u2014 zorgafstemming/audit-log ")
    verifier = Verifier.parse(signer.verifier.vkey())
    checkpoint = verify_checkpoint(note, verifier)
    assert (checkpoint.size, checkpoint.root) == (7, root)
    with pytest.raises(NoteError):
        verify_checkpoint(note.replace("\n7\n", "\n8\n"), verifier)
    with pytest.raises(NoteError):
        verify_checkpoint(note, Signer(bytes(32)).verifier)
    with pytest.raises(NoteError):
        Verifier.parse(signer.verifier.vkey().replace("+", "+00", 1))
    with pytest.raises(NoteError):
        parse_checkpoint("origin\n07\nAAAA\n")


def test_canonical_encoding_is_unique() -> None:
    from datetime import UTC, datetime

    event = canonical.CanonicalEvent(
        v=1,
        seq=3,
        id="0193a8a4-0000-7000-8000-000000000000",
        occurred_at=canonical.format_time(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        actor_ref="ab" * 32,
        actor_org_ref=None,
        actor_role="dpo",
        action="audit:events:read",
        object_type=None,
        object_ref=None,
        file_ref=None,
        data_category=None,
        outcome="allowed",
        policy_id="audit.dpo-reads",
        request_id="f" * 32,
        client_ref=None,
    )
    data = canonical.encode(event)
    assert data.startswith(b'{"v":1,"seq":3,"id":"0193a8a4-0000-7000-8000-000000000000",')
    assert b'"occurred_at":"2026-01-02T03:04:05.000000Z"' in data
    assert canonical.decode(data) == event
    for variant in (data.replace(b",", b", ", 1), data.replace(b'"seq":3', b'"seq":03')):
        with pytest.raises(canonical.CanonicalError):
            canonical.decode(variant)
    with pytest.raises(canonical.CanonicalError):
        canonical.encode(msgspec.structs.replace(event, action="Jan Peeters"))
