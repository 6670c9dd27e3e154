"""Command-line commands of the access review: ``zorgafstemming review sample``."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    review = sub.add_parser("review", help="access review: the monthly sample")
    review_sub = review.add_subparsers(dest="review_command", required=True, metavar="SUBCOMMAND")
    p = review_sub.add_parser(
        "sample",
        help="draw a month's sample of accesses and ask the coordinators (once per month)",
    )
    p.add_argument("--month", help="YYYY-MM (Brussels time); default: the month before this one")
    p.add_argument("--seed", help="the draw's key; the same seed draws the same sample")
    p.add_argument("--rate", type=float, help="percent of reads to draw (policies/review.toml)")
    p.add_argument("--dry-run", action="store_true", help="draw and report, store nothing")
    p.add_argument("--json", action="store_true", help="print a JSON summary with the event ids")
    p.set_defaults(func=cmd_sample)


async def _sample(settings: Any, args: argparse.Namespace) -> Any:
    from zorgafstemming.accessreview import rules
    from zorgafstemming.accessreview.sampling import create_sample, draw
    from zorgafstemming.audit.service import AuditContext
    from zorgafstemming.db import new_id
    from zorgafstemming.runtime import Runtime

    runtime = Runtime.build(settings)
    try:
        month = args.month or rules.previous_month(runtime.clock())
        async with runtime.unit_of_work() as uow:
            if args.dry_run:
                return await draw(uow, month, seed=args.seed or "", rate_percent=args.rate)
            ctx = AuditContext.system_run(f"review-{new_id()}", policy_id=rules.SAMPLE_POLICY)
            return await create_sample(uow, ctx, month, seed=args.seed, rate_percent=args.rate)
    finally:
        await runtime.close()


def cmd_sample(args: argparse.Namespace) -> int:
    """Draw (and unless ``--dry-run`` store) a month's sample; exit 1 when the month was
    sampled already or the input is wrong."""
    from zorgafstemming.commands import CliError, command_settings
    from zorgafstemming.logging import configure_logging
    from zorgafstemming.problems import ProblemError

    if args.dry_run and not args.seed:
        raise CliError("a dry run needs --seed (to draw what a stored sample would hold)", 1)
    settings = command_settings(args)
    configure_logging(settings.log_level)
    try:
        summary = asyncio.run(_sample(settings, args))
    except ProblemError as exc:
        raise CliError(str(exc.detail), 1) from None
    data = {
        "month": summary.month,
        "seed": summary.seed,
        "rate_percent": summary.rate_percent,
        "reads_seen": summary.reads_seen,
        "by_reason": summary.by_reason,
        "stored": summary.stored,
        "coordinators_told": summary.coordinators_told,
        "event_ids": [str(i) for i in summary.event_ids],
    }
    if args.json:
        print(json.dumps(data))
    else:
        verb = "stored" if summary.stored else "would store"
        print(
            f"{summary.month}: {verb} {len(summary.event_ids)} access(es) — "
            f"{summary.by_reason['read']} of {summary.reads_seen} read(s) at "
            f"{summary.rate_percent:g} %, {summary.by_reason['denied']} denied, "
            f"{summary.by_reason['emergency']} emergency; seed {summary.seed}"
        )
        if summary.stored:
            print(f"{summary.coordinators_told} coordinator(s) were mailed")
    return 0
