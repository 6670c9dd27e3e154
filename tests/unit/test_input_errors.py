"""Invalid input is said plainly — what is wrong and where — and never repeats what was sent."""

from __future__ import annotations

from typing import Any

import pytest

from zorgafstemming.input_errors import describe, invalid_json


def _one(message: str, key: str = "limit", source: str = "query", **bounds: Any) -> str:
    detail, errors = describe(
        [{"key": key, "message": message, "source": source}],
        {key: (bounds["low"], bounds["high"])} if bounds else {},
    )
    assert len(errors) == 1
    return detail


def test_a_bound_names_the_parameter_and_the_whole_range() -> None:
    assert (
        _one("Expected `int` >= 1", low=1, high=100)
        == "query parameter limit: must be between 1 and 100"
    )


def test_a_wrong_type_says_what_was_expected_not_the_value() -> None:
    assert (
        _one("Expected `int`, got `str`")
        == "query parameter limit: must be an integer, not a string"
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Expected `array` of length >= 1", "body field members: must not be empty"),
        ("Expected `str` of length <= 200", "body field members: must have at most 200 characters"),
        (
            "Invalid enum value 'Jan Peeters'",
            "body field members: is not one of the allowed values",
        ),
        (
            "Expected `str` matching regex '^[a-z]+$'",
            "body field members: has characters or a form that is not allowed",
        ),
        ("Invalid UUID", "body field members: must be a UUID"),
    ],
)
def test_body_fields_are_named_with_their_rule(message: str, expected: str) -> None:
    detail = _one(message, key="members", source="body")
    assert detail == expected
    assert "Jan" not in detail


def test_an_unknown_field_is_named_only_when_it_looks_like_a_field_name() -> None:
    assert _one("Object contains unknown field `totp`", key="data", source="body") == (
        "body: has a field that is not accepted: totp"
    )
    odd = _one("Object contains unknown field `Jan Peeters, 12 jaar`", key="data", source="body")
    assert "Jan" not in odd


def test_a_missing_required_field_is_named_as_the_field_in_error() -> None:
    detail, errors = describe(
        [
            {
                "key": "data",
                "message": "Object missing required field `request_id`",
                "source": "body",
            }
        ],
        {},
    )
    assert errors == [{"field": "request_id", "source": "body", "message": "is required"}]
    assert detail == "body field request_id: is required"
    _, odd = describe(
        [
            {
                "key": "data",
                "message": "Object missing required field `Jan Peeters`",
                "source": "body",
            }
        ],
        {},
    )
    assert odd[0]["field"] == "body" and "Jan" not in odd[0]["message"]


@pytest.mark.parametrize(
    ("body", "message", "expected"),
    [
        (b'{"a":', "Input data was truncated", "line 1 column 6 (the text ends too early)"),
        (
            b'{\n  "a" 1}',
            "JSON is malformed: expected ':' (byte 8)",
            "line 2 column 7 (expected ':')",
        ),
        (
            b"abc",
            "JSON is malformed: invalid character (byte 0)",
            "line 1 column 1 (invalid character)",
        ),
    ],
)
def test_invalid_json_says_line_and_column(body: bytes, message: str, expected: str) -> None:
    problem = invalid_json(body, message)
    assert problem.status == 400 and problem.slug == "invalid-json"
    assert problem.detail == f"body: invalid JSON at {expected}."
