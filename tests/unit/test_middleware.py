"""The Host header, parsed strictly: one name or IP literal, an optional port, nothing else."""

from __future__ import annotations

import pytest

from zorgafstemming.middleware import normalise_allowed_hosts, parse_host


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("localhost", "localhost"),
        ("localhost:8000", "localhost"),
        ("LocalHost:1", "localhost"),
        ("127.0.0.1:65535", "127.0.0.1"),
        ("[::1]:8000", "::1"),
        ("[0:0:0:0:0:0:0:1]", "::1"),
        ("zorg.example.be", "zorg.example.be"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ],
)
def test_well_formed_hosts_give_their_name(value: str, host: str) -> None:
    assert parse_host(value) == host


@pytest.mark.parametrize(
    "value",
    [
        "localhost:1@evil.example",
        "user@localhost",
        "localhost:99999",
        "localhost:0",
        "localhost:abc",
        "localhost:٨٠",  # digits of another script
        "localhost:",
        ":8000",
        "localhost.",
        "a..b",
        "-a.example",
        "localhost/path",
        "localhost 8000",
        " localhost",
        "[::1",
        "[::1%eth0]",
        "[not:an:address]",
        "[]",
        "",
        "a" * 64,  # one label over 63
        "é.example",
    ],
)
def test_malformed_hosts_are_refused(value: str) -> None:
    assert parse_host(value) is None


def test_allowed_hosts_compare_as_parsed() -> None:
    assert normalise_allowed_hosts(("LocalHost", "[::1]", "0:0::2")) == {"localhost", "::1", "::2"}
