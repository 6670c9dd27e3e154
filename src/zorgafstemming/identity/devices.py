"""A short Dutch description of the device behind a User-Agent header ("Firefox op Linux").

The account holder reads it in their security activity and a new-device mail, so it names only
the browser (or program) and the operating system — never versions, which change with every
update and would make a known device look new. Two small tables, tried in order: the first
pattern that matches wins, so more specific browsers come before the ones they imitate (Edge
and Opera announce themselves as Chrome, Chrome as Safari).
"""

from __future__ import annotations

import re

UNKNOWN_DEVICE = "onbekend toestel"
# Only the start of the header is read: every token in the tables sits well within it.
READ_CHARS = 512

Table = tuple[tuple[re.Pattern[str], str], ...]


def _table(*rows: tuple[str, str]) -> Table:
    """Compiled (pattern, name) rows, tried in order: the first match names the thing."""
    return tuple((re.compile(pattern), name) for pattern, name in rows)


_BROWSERS = _table(
    (r"\bEdg(?:e|A|iOS)?/", "Edge"),
    (r"\bOPR/|\bOpera\b", "Opera"),
    (r"\bSamsungBrowser/", "Samsung Internet"),
    (r"\bFirefox/|\bFxiOS/", "Firefox"),
    (r"\b(?:Headless)?Chrom(?:e|ium)/|\bCriOS/", "Chrome"),
    (r"\bVersion/[0-9.]+ (?:Mobile/\S+ )?Safari/", "Safari"),
)

_SYSTEMS = _table(
    (r"\bWindows\b", "Windows"),
    (r"\biPhone\b|\biPod\b", "iPhone"),
    (r"\biPad\b", "iPad"),
    (r"\bAndroid\b", "Android"),
    (r"\bCrOS\b", "ChromeOS"),
    (r"\bMacintosh\b|\bMac OS X\b", "macOS"),
    (r"\bLinux\b|\bX11\b", "Linux"),
)

# Programs that call the API without a browser, recognised by the start of the header.
_PROGRAMS = _table(
    (r"^curl/", "programma curl"),
    (r"^Wget/", "programma Wget"),
    (r"^python-(?:httpx|requests|urllib)|^aiohttp/", "Python-programma"),
    (r"^PostmanRuntime/", "programma Postman"),
)


def _first(table: Table, text: str) -> str | None:
    return next((name for pattern, name in table if pattern.search(text)), None)


def describe_device(user_agent: str | None) -> str:
    """The browser and system of ``user_agent`` in Dutch, e.g. ``Chrome op Windows``.

    A program (curl, a Python client) is named as such; anything else unknown is
    ``onbekend toestel``. The answer is always one of a few dozen short strings.
    """
    text = (user_agent or "")[:READ_CHARS]
    program = _first(_PROGRAMS, text)
    if program is not None:
        return program
    browser, system = _first(_BROWSERS, text), _first(_SYSTEMS, text)
    if browser and system:
        return f"{browser} op {system}"
    if browser:
        return browser
    if system:
        return f"onbekende browser op {system}"
    return UNKNOWN_DEVICE
