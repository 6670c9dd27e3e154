"""Command-line commands of the audit package: ``audit seal``, ``export``, ``verify``."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
from datetime import UTC, datetime
from pathlib import Path

from zorgafstemming.audit.bundle import (
    VerificationFailed,
    encode_bundle,
    export_bundle,
    verify_bundle,
)
from zorgafstemming.audit.bundle_format import SCOPE_SELECTION, event_count
from zorgafstemming.audit.note import Signer
from zorgafstemming.audit.selection import Selection, account_filter, file_filter

EXIT_TAMPERED = 2
EXIT_BUSY = 3


def _read_text(path: str, what: str) -> str:
    from zorgafstemming.commands import CliError

    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise CliError(f"cannot read {what} {path}: {reason}") from None


def _key_argument(value: str) -> str:
    """A verifier key given inline (name+id+key) or as a file holding one."""
    if "+" in value and not Path(value).exists():
        return value.strip()
    return _read_text(value, "public key file").strip()


def cmd_verify(args: argparse.Namespace) -> int:
    """Verify a bundle offline; exit 2 naming the first bad event or checkpoint."""
    from zorgafstemming.commands import CliError

    try:
        data = Path(args.bundle).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read bundle {args.bundle}: {exc.strerror}") from None
    public_key = _key_argument(args.public_key) if args.public_key else None
    trusted = _read_text(args.trusted_checkpoint, "checkpoint") if args.trusted_checkpoint else None
    try:
        report = verify_bundle(data, public_key=public_key, trusted_checkpoint=trusted)
    except VerificationFailed as exc:
        raise CliError(f"audit bundle does NOT verify: {exc}", EXIT_TAMPERED) from None
    result = {
        "ok": True,
        "events": report.events,
        "purged_bodies": report.purged,
        "checkpoints": report.checkpoints,
        "tree_size": report.tree_size,
        "root": base64.b64encode(report.root).decode(),
        "trusted_checkpoint_size": report.trusted_size,
        "key_from_bundle": report.key_from_bundle,
        "scope": report.scope,
        "selection": list(report.selection),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    if report.scope == SCOPE_SELECTION:
        print(
            f"audit selection verifies: {report.events} matching events ({report.purged} purged"
            f" bodies), each proved against the checkpoint of tree size {report.tree_size}"
        )
        print("selection: " + "; ".join(report.selection))
    else:
        print(
            f"audit bundle verifies: {report.events} events ({report.purged} purged bodies), "
            f"{report.checkpoints} checkpoints, tree size {report.tree_size}"
        )
    if report.trusted_size is not None:
        print(f"consistent with the trusted checkpoint of size {report.trusted_size}")
    if report.key_from_bundle:
        print("warning: checked against the key inside the bundle; pass --public-key to be sure")
    return 0


async def _seal(settings: object) -> object:
    from zorgafstemming.audit.sealer import new_holder_id, release_lease, seal_pending
    from zorgafstemming.runtime import Runtime

    runtime = Runtime.build(settings)  # type: ignore[arg-type]
    holder = new_holder_id("cli")
    try:
        try:
            return await seal_pending(runtime, holder)
        finally:
            await release_lease(runtime, holder)
    finally:
        await runtime.close()


def cmd_seal(args: argparse.Namespace) -> int:
    """Seal every unsealed event now, unless another process holds the sealer lease."""
    from zorgafstemming.audit.sealer import SealerBusy, SealResult
    from zorgafstemming.commands import CliError, command_settings

    try:
        result = asyncio.run(_seal(command_settings(args)))
    except SealerBusy as exc:
        raise CliError(f"not sealing: {exc}", EXIT_BUSY) from None
    assert isinstance(result, SealResult)
    if args.json:
        print(json.dumps({"sealed": result.sealed, "tree_size": result.tree_size}))
    else:
        print(f"sealed {result.sealed} events; the log now holds {result.tree_size}")
    return 0


async def _export(settings: object, selection: Selection) -> tuple[bytes, int]:
    from zorgafstemming.audit.selection import export_selection
    from zorgafstemming.runtime import Runtime

    runtime = Runtime.build(settings)  # type: ignore[arg-type]
    try:
        async with runtime.unit_of_work() as uow:
            seed, now = runtime.secrets.signing_seed, runtime.clock()
            if selection.is_empty:
                bundle = await export_bundle(uow.session, seed, now)
            else:
                bundle = await export_selection(uow.session, seed, now, selection)
        return encode_bundle(bundle), event_count(bundle)
    finally:
        await runtime.close()


def _moment(value: str) -> datetime:
    """A command-line time: RFC 3339 with an offset (``2026-01-31T12:00:00Z``)."""
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date-time such as 2026-01-31T12:00:00Z"
        ) from None
    if at.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} has no time zone (add Z or +01:00)")
    return at.astimezone(UTC)


def _file(value: str) -> str:
    hex_value = file_filter(value)
    if hex_value is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is neither a short reference (eight characters) nor a file ref"
        )
    return hex_value


def _account(value: str) -> str:
    ref = account_filter(value)
    if ref is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not an account ref (64 hex characters)")
    return ref


def cmd_export(args: argparse.Namespace) -> int:
    """Write the sealed log, or the part of it a filter selects, as a bundle file."""
    from zorgafstemming.commands import CliError, command_settings
    from zorgafstemming.crypto.keyfiles import write_private_file

    selection = Selection(since=args.since, until=args.until, file=args.file, account=args.account)
    data, count = asyncio.run(_export(command_settings(args), selection))
    try:
        write_private_file(Path(args.output), data)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror}") from None
    what = "events (whole log)" if selection.is_empty else "matching events"
    print(f"wrote {args.output} ({len(data)} bytes, {count} {what})")
    return 0


def cmd_public_key(args: argparse.Namespace) -> int:
    """Print the checkpoint verifier key (safe to publish)."""
    from zorgafstemming.commands import command_settings
    from zorgafstemming.crypto.keyfiles import load_secret

    settings = command_settings(args)
    print(Signer(load_secret(settings.keys_path, "signing")).verifier.vkey())
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    audit = sub.add_parser("audit", help="audit trail: seal, export, verify")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="SUBCOMMAND")

    p = audit_sub.add_parser("verify", help="verify an exported bundle offline")
    p.add_argument("bundle", help="bundle file from `audit export` or GET /api/v1/audit/export")
    p.add_argument("--public-key", help="verifier key (name+id+key) or a file holding it")
    p.add_argument("--trusted-checkpoint", help="a checkpoint note you kept earlier")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)

    p = audit_sub.add_parser("seal", help="seal unsealed events and sign a checkpoint now")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_seal)

    p = audit_sub.add_parser(
        "export",
        help="write the sealed log as a bundle file, or only the events a filter selects",
    )
    p.add_argument("output")
    p.add_argument("--since", type=_moment, help="events at or after this time (RFC 3339)")
    p.add_argument("--until", type=_moment, help="events before this time (RFC 3339)")
    p.add_argument("--file", type=_file, help="a file's short reference or its audit ref")
    p.add_argument("--account", type=_account, help="an account's audit ref")
    p.set_defaults(func=cmd_export)

    p = audit_sub.add_parser("public-key", help="print the checkpoint verifier key")
    p.set_defaults(func=cmd_public_key)
