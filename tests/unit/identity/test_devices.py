"""The device description an account holder reads in their security activity and mails."""

from __future__ import annotations

import pytest

from zorgafstemming.identity.devices import UNKNOWN_DEVICE, describe_device

AGENTS = {
    "Firefox op Linux": ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    "Chrome op Windows": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36"
    ),
    "Edge op Windows": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87"
    ),
    "Safari op macOS": (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Safari/605.1.15"
    ),
    "Safari op iPhone": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    "Chrome op Android": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36"
    ),
    "Samsung Internet op Android": (
        "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"
    ),
    "Firefox op iPad": (
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "FxiOS/127.0 Mobile/15E148 Safari/605.1.15"
    ),
    "Chrome op ChromeOS": (
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36"
    ),
    "Opera op Windows": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0"
    ),
    "programma curl": "curl/8.8.0",
    "Python-programma": "python-httpx/0.27.0",
    "onbekende browser op Linux": "SomeKiosk/1.0 (X11; Linux armv7l)",
}


@pytest.mark.parametrize(("expected", "agent"), AGENTS.items(), ids=list(AGENTS))
def test_browser_and_system_are_named_in_dutch(expected: str, agent: str) -> None:
    assert describe_device(agent) == expected


def test_versions_do_not_make_a_known_browser_look_new() -> None:
    older = AGENTS["Firefox op Linux"]
    assert describe_device(older.replace("128.0", "131.0")) == describe_device(older)


@pytest.mark.parametrize("agent", [None, "", "Mozilla/5.0", "x" * 10_000])
def test_missing_or_unrecognised_headers_are_an_unknown_device(agent: str | None) -> None:
    assert describe_device(agent) == UNKNOWN_DEVICE


def test_the_header_itself_never_comes_back() -> None:
    agent = AGENTS["Firefox op Linux"] + " KanarieToestel/7.3 " + "y" * 400
    description = describe_device(agent)
    assert "Kanarie" not in description and len(description) <= 40
