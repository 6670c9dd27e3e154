"""Tracebacks in the logs: complete for the operator, without a database error's text."""

from __future__ import annotations

import sqlite3
import traceback

from sqlalchemy.exc import IntegrityError

from zorgafstemming.logging import format_exception


def _chained() -> BaseException:
    try:
        try:
            raise KeyError("first")
        except KeyError as exc:
            raise ValueError("second") from exc
    except ValueError:
        try:
            raise RuntimeError("third")  # its context, not its cause: what is tested
        except RuntimeError as exc:
            return exc
    raise AssertionError("unreachable")


def test_an_ordinary_chain_reads_as_python_prints_it() -> None:
    exc = _chained()
    assert format_exception(exc) == "".join(traceback.format_exception(exc)).rstrip("\n")


def test_a_database_error_keeps_its_type_and_frames_but_not_its_text() -> None:
    def insert() -> None:
        try:
            raise sqlite3.IntegrityError(
                "UNIQUE constraint failed: accounts.email 'jan@example.org'"
            )
        except sqlite3.IntegrityError as exc:
            raise IntegrityError(
                "INSERT INTO accounts VALUES (?)", ("jan@example.org",), exc
            ) from exc

    try:
        insert()
    except IntegrityError as exc:
        text = format_exception(exc)
    assert "sqlalchemy.exc.IntegrityError" in text and "sqlite3.IntegrityError" in text
    assert "in insert" in text and text.startswith("Traceback")
    assert "jan@example.org" not in text and "INSERT INTO" not in text
