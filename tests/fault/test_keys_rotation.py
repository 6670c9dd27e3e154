"""Kill tests: SIGKILL the rotation commands at every named crash point and at random times.

Each test runs the real command line in a subprocess (with the probe tables registered, as a
package's models would register theirs), kills it, checks that every value still decrypts
mid-rotation, reruns it to completion (through the command line after the random kills; in this
process, calling the same functions, after the crash points), and checks the end state: every
value decrypts, and every data key is wrapped by the new KEK (or is the owner's one new data key).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories.crypto import (
    assert_data_keys_rotated,
    assert_kek_rotated,
    key_ids_by_owner,
    read_all,
    register_probe,
    seed_probe,
    unregister_probe,
)
from zorgafstemming.config import Settings
from zorgafstemming.crypto.keyfiles import load_kek_versions
from zorgafstemming.crypto.rotation import (
    ROTATE_DATA_KEYS_CRASH_POINTS,
    ROTATE_KEK_CRASH_POINTS,
    rotate_data_keys,
    rotate_kek,
    rotation_lock,
)
from zorgafstemming.models import metadata as service_metadata
from zorgafstemming.runtime import Runtime

pytestmark = pytest.mark.slow

# The command line with the probe tables' columns registered first.
RUNNER = (
    "import sys\n"
    "from tests.factories.crypto import register_probe\n"
    "register_probe()\n"
    "print('ready', flush=True)\n"
    "from zorgafstemming.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
ROOT = Path(__file__).resolve().parents[2]
BATCH = "2"  # small batches: several transactions, so crash points pass more than once


def command_env(settings: Settings, fault: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZORG_")}
    env.update(
        ZORG_DATA_DIR=str(settings.data_dir),
        ZORG_KEY_DIR=str(settings.keys_path),
        ZORG_DATABASE_URL=settings.effective_database_url,
        PYTHONPATH=str(ROOT),
    )
    if fault:
        env["ZORG_FAULT_AT"] = fault
    return env


def command(command_name: str) -> list[str]:
    return [sys.executable, "-c", RUNNER, "keys", command_name, "--json", "--batch-size", BATCH]


def run(settings: Settings, command_name: str, fault: str | None = None) -> int:
    done = subprocess.run(
        command(command_name),
        env=command_env(settings, fault),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def kill_at_random(settings: Settings, command_name: str, delay: float) -> None:
    proc = subprocess.Popen(
        command(command_name),
        env=command_env(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"  # start-up (imports) is over
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)


async def finish_in_process(settings: Settings, command_name: str) -> None:
    """The rerun, in this process (same functions the command calls; saves a start-up)."""
    register_probe()
    runtime = Runtime.build(settings)
    try:
        if command_name == "rotate-kek":
            assert (await rotate_kek(runtime.sessions, runtime.cipher, batch_size=2)).ok
        else:
            report = await rotate_data_keys(
                runtime.sessions, runtime.cipher, service_metadata, batch_size=2
            )
            assert report.ok and not report.started  # it resumed the interrupted rotation
    finally:
        await runtime.close()
        unregister_probe()


KILLS = [(point, 1) for point in ROTATE_KEK_CRASH_POINTS] + [
    ("rotate_kek.rewrapped_batch", 2),
    ("kek_file.before_rename", 2),  # while retiring the old version
]


@pytest.mark.parametrize(("point", "nth"), KILLS)
async def test_rotate_kek_survives_a_kill_at_each_crash_point(
    runtime: Runtime, point: str, nth: int
) -> None:
    expected = await seed_probe(runtime, files=5, rows_per_file=2)
    settings = runtime.settings
    assert await asyncio.to_thread(run, settings, "rotate-kek", f"{point}:{nth}") == -9
    found, _, _ = await read_all(settings)
    assert found == expected  # mid-rotation, every value still decrypts
    await finish_in_process(settings, "rotate-kek")
    await assert_kek_rotated(settings, expected, 2)
    # A write interrupted before its rename leaves no stray copy of key material behind.
    assert sorted(p.name for p in settings.keys_path.iterdir() if p.name.startswith(".")) == []


DK_KILLS = [(point, 1) for point in ROTATE_DATA_KEYS_CRASH_POINTS] + [
    ("rotate_data_keys.replaced_batch", 2),
    ("rotate_data_keys.reencrypted_batch", 3),
]


@pytest.mark.parametrize(("point", "nth"), DK_KILLS)
async def test_rotate_data_keys_survives_a_kill_at_each_crash_point(
    runtime: Runtime, point: str, nth: int
) -> None:
    expected = await seed_probe(runtime, files=5, rows_per_file=2)
    _, keys, _ = await read_all(runtime.settings)
    before = key_ids_by_owner(keys)
    settings = runtime.settings
    assert await asyncio.to_thread(run, settings, "rotate-data-keys", f"{point}:{nth}") == -9
    found, _, _ = await read_all(settings)
    assert found == expected
    await finish_in_process(settings, "rotate-data-keys")
    await assert_data_keys_rotated(settings, expected, before)


@pytest.mark.parametrize("command_name", ["rotate-kek", "rotate-data-keys"])
async def test_rotations_survive_three_kills_at_random_times(
    runtime: Runtime, command_name: str
) -> None:
    expected = await seed_probe(runtime, files=8, rows_per_file=3)
    _, keys, _ = await read_all(runtime.settings)
    before = key_ids_by_owner(keys)
    settings = runtime.settings
    rng = random.Random(f"{command_name}-{settings.effective_database_url[:10]}")
    for _ in range(3):
        await asyncio.to_thread(kill_at_random, settings, command_name, rng.uniform(0.0, 0.3))
        found, _, _ = await read_all(settings)
        assert found == expected
    assert await asyncio.to_thread(run, settings, command_name) == 0
    if command_name == "rotate-kek":
        await assert_kek_rotated(settings, expected, 2)
    else:
        await assert_data_keys_rotated(settings, expected, before)


async def test_keys_status_command_reports_counts_and_no_key_material(runtime: Runtime) -> None:
    await seed_probe(runtime, files=2, rows_per_file=1)
    env = command_env(runtime.settings)
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "zorgafstemming", "keys", "status", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["kek"]["active_version"] == 1
    assert status["data_keys"]["total"] == 3
    kek_text = (runtime.settings.keys_path / "kek.json").read_text()
    for secret in json.loads(kek_text)["versions"].values():
        assert secret not in done.stdout
    human = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "zorgafstemming", "keys", "status"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "wrapped by KEK version 1: 3" in human.stdout


async def test_a_second_rotation_waits_its_turn(runtime: Runtime) -> None:
    await seed_probe(runtime, files=1, rows_per_file=1)
    settings = runtime.settings
    async with rotation_lock(runtime.engine):
        done = await asyncio.to_thread(
            subprocess.run,
            command("rotate-kek"),
            env=command_env(settings),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=ROOT,
        )
        assert done.returncode == 1
        assert "another key rotation is running" in done.stderr
        assert "Traceback" not in done.stderr
    # Nothing changed, and with the lock released the rotation runs.
    assert sorted(load_kek_versions(settings.keys_path)[1]) == [1]
    assert await asyncio.to_thread(run, settings, "rotate-kek") == 0
    assert sorted(load_kek_versions(settings.keys_path)[1]) == [2]
