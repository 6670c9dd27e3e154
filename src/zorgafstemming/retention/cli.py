"""Command-line commands of the retention package: ``zorgafstemming retention run``."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    retention = sub.add_parser("retention", help="retention schedule and purge")
    retention_sub = retention.add_subparsers(
        dest="retention_command", required=True, metavar="SUBCOMMAND"
    )
    p = retention_sub.add_parser(
        "run", help="purge every file and record past its retention period (not held)"
    )
    p.add_argument("--dry-run", action="store_true", help="report what is due, change nothing")
    p.add_argument("--json", action="store_true", help="print a JSON summary (for cron, systemd)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser(
        "restore-check",
        help=(
            "after restoring a backup: re-apply every purge, shred and member erasure in the"
            " deletion ledger"
        ),
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_restore_check)


def _progress_bar(enabled: bool) -> tuple[Callable[[int, int], None] | None, Any]:
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="file", desc="purging", file=sys.stderr, leave=False)

    def update(done: int, total: int) -> None:
        if bar.total != total:
            bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar


async def _run(settings: Any, *, dry_run: bool, progress: Any) -> Any:
    from zorgafstemming.retention.leader import run_as_leader
    from zorgafstemming.retention.schedule import load_schedule
    from zorgafstemming.runtime import Runtime

    schedule = load_schedule()
    runtime = Runtime.build(settings)
    try:
        return await run_as_leader(runtime, schedule, dry_run=dry_run, progress=progress)
    finally:
        await runtime.close()


def cmd_run(args: argparse.Namespace) -> int:
    """Run the purge once; exit 0 when done, 2 when a proof of deletion failed, 75 when another
    instance is running it (try again later)."""
    from zorgafstemming.commands import CliError, command_settings
    from zorgafstemming.logging import configure_logging

    settings = command_settings(args)
    configure_logging(settings.log_level)  # JSON lines on stderr; stdout is the summary
    progress, bar = _progress_bar(not args.json and sys.stderr.isatty())
    try:
        summary = asyncio.run(_run(settings, dry_run=args.dry_run, progress=progress))
    finally:
        if bar is not None:
            bar.close()
    if summary is None:
        raise CliError("another instance is running the retention purge; try again later", 75)
    data = summary.as_dict()
    if args.json:
        print(json.dumps(data))
    else:
        verb = "would purge" if summary.dry_run else "purged"
        count = summary.files_due if summary.dry_run else summary.files_purged
        print(
            f"{verb} {count} file(s); {summary.files_held} held past their date; "
            f"{summary.reviews_due} open file(s) due for review"
        )
        if not summary.dry_run:
            print(
                f"removed {summary.credentials_purged} old session(s)/token(s), "
                f"{summary.login_records_purged} login attempt counter(s), "
                f"{summary.audit_events_purged} audit event body(ies), "
                f"{summary.consent_proofs_purged} consent proof(s), "
                f"{summary.subject_requests_purged} data-subject request(s)"
            )
        if summary.proofs_failed:
            print(f"proof of deletion FAILED for {summary.proofs_failed} file(s)", file=sys.stderr)
    return 2 if summary.proofs_failed else 0


async def _restore_check(settings: Any) -> Any:
    from zorgafstemming.retention.restore import restore_check
    from zorgafstemming.retention.schedule import load_schedule
    from zorgafstemming.runtime import Runtime

    schedule = load_schedule()
    runtime = Runtime.build(settings)
    try:
        return await restore_check(runtime, schedule)
    finally:
        await runtime.close()


def cmd_restore_check(args: argparse.Namespace) -> int:
    """Re-apply the deletion ledger to a restored database; exit 0 when the database may be
    served, 3 when the ledger does not verify or is not this database's (nothing changed)."""
    from zorgafstemming.commands import CliError, command_settings
    from zorgafstemming.logging import configure_logging
    from zorgafstemming.retention.ledger import LedgerError

    settings = command_settings(args)
    configure_logging(settings.log_level)
    try:
        report = asyncio.run(_restore_check(settings))
    except LedgerError as exc:
        raise CliError(f"restore-check refused: {exc}", 3) from None
    if args.json:
        print(json.dumps(report.as_dict()))
    else:
        print(
            f"re-applied {report.entries_applied} deletion ledger entry(ies): "
            f"{report.files_purged} file(s) purged again, {report.keys_shredded} data key(s) "
            f"shredded, {report.members_erased} member(s) erased again; the database may be served"
        )
    return 0
