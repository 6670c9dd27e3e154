"""Command-line commands of the mail package: ``mail send`` (one round, for cron or by hand)
and ``mail status`` (how many mails are in each state)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zorgafstemming.mail.sender import RoundSummary
    from zorgafstemming.runtime import Runtime


async def _send(runtime: Runtime) -> RoundSummary:
    from zorgafstemming.mail.sender import deliver_due, transport_for

    return await deliver_due(runtime, transport_for(runtime.settings))


async def _status(runtime: Runtime) -> dict[str, int]:
    from zorgafstemming.mail.deliveries import count_by_status

    async with runtime.unit_of_work() as uow:
        return await count_by_status(uow)


def cmd_send(args: argparse.Namespace) -> int:
    """Deliver the due mails once (up to one batch); the log names each mail by id only."""
    from zorgafstemming.commands import command_settings, run_on_runtime
    from zorgafstemming.logging import configure_logging

    configure_logging(command_settings(args).log_level)  # JSON lines on stderr
    summary = run_on_runtime(_send)
    if args.json:
        print(json.dumps(summary.as_dict()))
    else:
        print(
            f"sent {summary.sent}, retrying later {summary.retrying}, failed {summary.failed}, "
            f"unknown {summary.unknown}"
        )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Print how many mails are in each status."""
    from zorgafstemming.commands import run_on_runtime

    counts = run_on_runtime(_status)
    if args.json:
        print(json.dumps(counts))
    else:
        for status, count in counts.items():
            print(f"{status:8} {count}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    mail = sub.add_parser("mail", help="outbound mail: deliver the outbox, delivery counts")
    mail_sub = mail.add_subparsers(dest="mail_command", required=True, metavar="SUBCOMMAND")

    p = mail_sub.add_parser("send", help="deliver the due mails once (for cron or by hand)")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_send)

    p = mail_sub.add_parser("status", help="how many mails are queued, sent, failed, unknown")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)
