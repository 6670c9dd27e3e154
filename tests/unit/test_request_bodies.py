"""The nesting depth of a JSON body, measured without parsing it."""

from __future__ import annotations

import json

import pytest

from zorgafstemming.request_bodies import json_depth


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        (b"", 0),
        (b"42", 0),
        (b"{}", 1),
        (b'{"a": [1, {"b": []}]}', 4),
        (b"[" * 5000 + b"]" * 5000, 5000),
        (b"[[]][[[]]]", 3),  # the deepest point counts, not the total
    ],
)
def test_depth_of_valid_json(body: bytes, depth: int) -> None:
    assert json_depth(body) == depth


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "[[[[{{{{"}',
        '{"a": "quote \\" then [[[["}',
        '{"a": "backslash \\\\", "b": [[1]]}',
        '["\\\\\\"[[[", {"x": "]]]}}}"}]',
        '{"a": "\\u005b\\u005b"}',
    ],
)
def test_brackets_inside_strings_do_not_count(text: str) -> None:
    value = json.loads(text)  # valid JSON: the scan must agree with a real parser
    assert json_depth(text.encode()) == _depth(value)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    return 0


def test_an_unterminated_string_or_stray_closers_never_fail_the_scan() -> None:
    assert json_depth(b'"\\"\\"\\"' * 10_000) == 0
    assert json_depth(b"]]]]}}}}") == 0
    assert json_depth(b'["' + b"[" * 100) >= 1
