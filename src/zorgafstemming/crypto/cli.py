"""Command-line commands of the crypto package: ``keys status|rotate-kek|rotate-data-keys``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from zorgafstemming.crypto.rotation import Progress, ProgressBar


def _progress(enabled: bool) -> Progress:
    """A tqdm bar per phase on a terminal; nothing otherwise."""
    from zorgafstemming.crypto.rotation import no_progress

    if not enabled:
        return no_progress

    def make(phase: str, total: int | None) -> ProgressBar:
        from tqdm import tqdm

        return tqdm(total=total, desc=phase, unit="item", file=sys.stderr, leave=True)

    return make


def _run(
    work: Callable[[Any], Awaitable[dict[str, Any]]], *, exclusive: bool = True
) -> dict[str, Any]:
    from zorgafstemming.commands import CliError, run_on_runtime
    from zorgafstemming.crypto.rotation import RotationBusy, rotation_lock

    async def locked(runtime: Any) -> dict[str, Any]:
        if not exclusive:
            return await work(runtime)
        async with rotation_lock(runtime.engine):
            return await work(runtime)

    try:
        return run_on_runtime(locked)
    except RotationBusy as exc:
        raise CliError(str(exc)) from None


def _rotate(
    args: argparse.Namespace,
    rotate: Callable[..., Awaitable[Any]],
    describe: Callable[[dict[str, Any]], list[str | None]],
    *inputs: Any,
) -> int:
    """Run a rotation under the rotation lock, print its report and return the exit status.

    With --json the report is printed as is; otherwise ``describe`` turns it into lines, of
    which those that are None (nothing to say) are left out.
    """

    async def work(rt: Any) -> dict[str, Any]:
        report = await rotate(
            rt.sessions,
            rt.cipher,
            *inputs,
            batch_size=args.batch_size,
            progress=_progress(sys.stderr.isatty() and not args.json),
        )
        result: dict[str, Any] = report.as_dict()
        return result

    doc = _run(work)
    if args.json:
        print(json.dumps(doc))
    else:
        print("\n".join(line for line in describe(doc) if line is not None))
    return 0 if doc["ok"] else 1


def _kek_unavailable(exc: Exception) -> Exception:
    from zorgafstemming.commands import CliError

    return CliError(str(exc))


def cmd_status(args: argparse.Namespace) -> int:
    """Print KEK versions, data keys per version and state, and the oldest key's age."""
    from zorgafstemming.crypto.rotation import key_status

    status = _run(lambda rt: key_status(rt.sessions, rt.cipher, rt.clock()), exclusive=False)
    if args.json:
        print(json.dumps(status))
    else:
        kek, keys = status["kek"], status["data_keys"]
        print(
            f"KEK: active version {kek['active_version']}, versions held "
            f"{', '.join(map(str, kek['versions_held']))} ({kek['source']})"
        )
        print(f"data keys: {keys['total']}")
        for version, count in keys["by_kek_version"].items():
            print(f"  wrapped by KEK version {version}: {count}")
        for state, count in keys["by_status"].items():
            print(f"  {state}: {count}")
        if keys["oldest_created_at"]:
            print(f"oldest data key: {keys['oldest_created_at']} ({keys['oldest_age_days']} days)")
        if status["kek_rotation_pending"]:
            print("KEK rotation not finished: run `zorgafstemming keys rotate-kek`")
        if status["data_key_rotation_pending"]:
            print("data-key rotation not finished: run `zorgafstemming keys rotate-data-keys`")
        for problem in status["problems"]:
            print(f"problem: {problem}")
    return 1 if status["problems"] else 0


def cmd_rotate_kek(args: argparse.Namespace) -> int:
    """Add a KEK version (or resume), rewrap every data key under it, retire unused versions."""
    from zorgafstemming.crypto.keyring import KekUnavailable
    from zorgafstemming.crypto.rotation import rotate_kek

    try:
        return _rotate(args, rotate_kek, _describe_kek_rotation)
    except KekUnavailable as exc:
        raise _kek_unavailable(exc) from None


def _describe_kek_rotation(doc: dict[str, Any]) -> list[str | None]:
    state = "new version written" if doc["new_version_written"] else "resumed"
    retired = ", ".join(map(str, doc["retired_versions"]))
    to_remove = ", ".join(map(str, doc["versions_to_remove_by_hand"]))
    failed = doc["failed_key_ids"]
    return [
        f"KEK version {doc['active_version']} is active ({state})",
        f"data keys rewrapped: {doc['rewrapped']}",
        f"retired KEK versions: {retired}" if retired else None,
        f"no longer used, remove from the KEK source by hand: {to_remove}" if to_remove else None,
        (
            f"problem: {len(failed)} data key(s) did not unwrap and keep "
            f"their KEK version (key ids {', '.join(map(str, failed))})"
        )
        if failed
        else None,
    ]


def cmd_rotate_data_keys(args: argparse.Namespace) -> int:
    """Give every owner a new data key and re-encrypt its values (or resume)."""
    from zorgafstemming.crypto.rotation import rotate_data_keys
    from zorgafstemming.models import metadata

    return _rotate(args, rotate_data_keys, _describe_data_key_rotation, metadata)


def _describe_data_key_rotation(doc: dict[str, Any]) -> list[str | None]:
    unreadable = doc["unreadable_values"]
    unregistered = ", ".join(doc["unregistered_columns_with_old_keys"])
    kept = len(doc["kept_key_ids"])
    return [
        f"data-key rotation {'started' if doc['started'] else 'resumed'}",
        f"new data keys: {doc['replaced']}",
        f"values re-encrypted: {doc['reencrypted']}",
        f"old data keys deleted: {doc['deleted_keys']}",
        f"problem: {unreadable} value(s) could not be decrypted" if unreadable else None,
        (
            f"problem: unregistered encrypted columns still use old keys: {unregistered}"
            if unregistered
            else None
        ),
        f"old data keys kept because values still need them: {kept}" if kept else None,
    ]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    keys = sub.add_parser("keys", help="key status and rotation")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="SUBCOMMAND")

    p = keys_sub.add_parser("status", help="KEK versions and data keys (never key material)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = keys_sub.add_parser("rotate-kek", help="new KEK version; rewrap every data key")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch-size", type=_positive, default=1000)
    p.set_defaults(func=cmd_rotate_kek)

    p = keys_sub.add_parser("rotate-data-keys", help="new data keys; re-encrypt every value")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch-size", type=_positive, default=200)
    p.set_defaults(func=cmd_rotate_data_keys)
