"""The deletion ledger file on its own: appends chain and verify, a torn last line (a writer
that died inside its append) is ignored and cut by the next append, and the judgement of a
database's marks against the ledger."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zorgafstemming.retention.ledger import (
    DeletionLedger,
    FileLedgerStore,
    LedgerError,
    compare,
)

SEED = bytes(range(32))
AUDIT_KEY = bytes(32)


def ledger(path: Path) -> DeletionLedger:
    return DeletionLedger(FileLedgerStore(path), SEED, AUDIT_KEY)


def test_entries_and_their_outcomes_read_back_verified(tmp_path: Path) -> None:
    book = ledger(tmp_path / "ledger.jsonl")
    first, _ = book._append("prepare", {"kind": "files", "body": {"files": []}})
    book._append("commit", {"entry": first})
    second, _ = book._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    book._append("abort", {"entry": second})
    third, _ = book._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    view = ledger(tmp_path / "ledger.jsonl").read()  # another process reads it the same
    assert view.entries[first].committed
    assert view.entries[second].void
    assert not view.entries[third].committed and not view.entries[third].void
    assert os.stat(tmp_path / "ledger.jsonl").st_mode & 0o077 == 0


def test_a_torn_last_line_is_ignored_and_cut_by_the_next_append(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger(path)._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    with path.open("ab") as fh:
        fh.write(b'{"n":1,"prev":"')  # a crash inside an append
    assert list(ledger(path).read().entries) == [0]
    number, _ = ledger(path)._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    assert number == 1
    assert list(ledger(path).read().entries) == [0, 1]


def test_a_removed_or_foreign_line_fails_verification(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    book = ledger(path)
    for _ in range(3):
        book._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[2])
    with pytest.raises(LedgerError, match="missing"):
        ledger(path).read()
    other = DeletionLedger(FileLedgerStore(tmp_path / "other.jsonl"), bytes(32), AUDIT_KEY)
    other._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    path.write_bytes((tmp_path / "other.jsonl").read_bytes())
    with pytest.raises(LedgerError, match="signature"):
        ledger(path).read()


def test_marks_are_judged_against_the_ledger(tmp_path: Path) -> None:
    book = ledger(tmp_path / "ledger.jsonl")
    done, digest = book._append("prepare", {"kind": "keys", "body": {"keys": {}}})
    book._append("commit", {"entry": done})
    book._append("prepare", {"kind": "keys", "body": {"keys": {}}})  # still running
    view = book.read()
    assert compare(view, {done: digest}).ready  # the running one does not block
    restored = compare(view, {})
    assert restored.problem == "restore-check-required" and restored.missing == 1
    assert compare(view, {done: digest, 7: "x"}).problem == "ledger-untrusted"
    assert compare(view, {done: "0" * 64}).problem == "ledger-untrusted"


def test_member_entries_verify_and_are_judged_like_the_others(tmp_path: Path) -> None:
    book = ledger(tmp_path / "ledger.jsonl")
    old, old_digest = book._append("prepare", {"kind": "files", "body": {"files": []}})
    book._append("commit", {"entry": old})
    body = {"file": "a" * 64, "member": "b" * 64}
    erased, digest = book._append("prepare", {"kind": "members", "body": body})
    book._append("commit", {"entry": erased})
    view = ledger(tmp_path / "ledger.jsonl").read()
    assert view.entries[erased].kind == "members" and view.entries[erased].body == body
    assert compare(view, {old: old_digest, erased: digest}).ready
    behind = compare(view, {old: old_digest})  # a backup taken before the erasure
    assert behind.problem == "restore-check-required" and behind.missing == 1


def test_an_entry_of_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    # Signed with the right key (a newer version wrote it): this version cannot re-apply it.
    path = tmp_path / "ledger.jsonl"
    ledger(path)._append("prepare", {"kind": "files", "body": {"files": []}})
    ledger(path)._append("prepare", {"kind": "groups", "body": {}})
    with pytest.raises(LedgerError, match="record 1 is an entry of a kind this version"):
        ledger(path).read()
