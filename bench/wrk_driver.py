"""Driving a server with wrk (Debian's ``wrk``): a Lua script picking random files, and the
figures parsed from wrk's ``--latency`` report."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Requests: the secured read, the entry list, an entry added, or a mix (80 / 10 / 10).
LUA = r"""
local mode = os.getenv("BENCH_MODE")
local token = os.getenv("BENCH_TOKEN") or ""
local prefix = os.getenv("BENCH_PREFIX") or ""
local forwarded = os.getenv("BENCH_FORWARDED") or ""
local ids, members = {}, {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  local f, m = line:match("(%S+) (%S+)")
  ids[#ids + 1] = f
  members[#members + 1] = m
end
local headers = {["Content-Type"] = "application/json"}
if token ~= "" then headers["Authorization"] = "Bearer " .. token end
if forwarded ~= "" then headers["X-Forwarded-For"] = forwarded end
local login = '{"email":"nobody@example.org","password":"fout-wachtwoord-123","otp":"000000"}'

function setup(thread)
  thread:set("seed", math.random(1, 1000000000))
end

function init(args)
  math.randomseed(os.time() + (tonumber(seed) or 0))
end

local function read(i) return wrk.format("GET", prefix .. ids[i], headers) end
local function entries(i) return wrk.format("GET", prefix .. ids[i] .. "/entries", headers) end
local function write(i)
  local body = '{"kind":"note","category":"case_notes","about":["' .. members[i]
    .. '"],"body":"Telefonisch contact met de school over de opvolging."}'
  return wrk.format("POST", prefix .. ids[i] .. "/entries", headers, body)
end

request = function()
  local i = math.random(#ids)
  if mode == "read" then return read(i)
  elseif mode == "entries" then return entries(i)
  elseif mode == "write" then return write(i)
  elseif mode == "cheap" then return wrk.format("GET", "/health/live", headers)
  elseif mode == "login" then return wrk.format("POST", "/api/v1/auth/token", headers, login)
  end
  local r = math.random(100)
  if r <= 80 then return read(i) elseif r <= 90 then return entries(i) end
  return write(i)
end
"""

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    """What one wrk run measured."""

    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int  # non-2xx/3xx responses and socket errors


def wrk_path() -> str:
    """The wrk binary, or a clear error saying how to get it."""
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    return path


def write_script(folder: Path) -> Path:
    path = folder / "bench.lua"
    path.write_text(LUA, encoding="utf-8")
    return path


def run_wrk(
    url: str,
    script: Path,
    env: dict[str, str],
    *,
    seconds: int,
    connections: int = 16,
    threads: int = 2,
) -> WrkResult:
    """Run wrk against ``url`` for ``seconds`` with ``connections`` open connections."""
    out = subprocess.run(
        [
            wrk_path(),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse(out)


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if match is None:
        raise ValueError(f"unexpected wrk latency {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(out: str) -> WrkResult:
    """Requests/sec, p50 and p99 from wrk's report (``--latency``)."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
    total = re.search(r"(\d+) requests in", out)
    if not (rps and p50 and p99 and total):
        raise ValueError(f"cannot read wrk's report:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if sockets:
        errors += sum(int(g) for g in sockets.groups())
    return WrkResult(
        rps=float(rps.group(1)),
        p50_ms=_ms(p50.group(1)),
        p99_ms=_ms(p99.group(1)),
        requests=int(total.group(1)),
        errors=errors,
    )
