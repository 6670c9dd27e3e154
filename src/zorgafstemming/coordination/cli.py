"""Command-line commands of the coordination package: ``files reindex-names`` (write the
name index of every member, for files opened before it existed)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zorgafstemming.runtime import Runtime


async def _reindex(runtime: Runtime) -> int:
    from zorgafstemming.coordination.service.name_index import reindex_member_names

    async with runtime.unit_of_work() as uow:  # a clean exit commits
        return await reindex_member_names(uow)


def cmd_reindex_names(args: argparse.Namespace) -> int:
    """Write the family name + birth year index of every member of every file not purged."""
    from zorgafstemming.commands import run_on_runtime

    count = run_on_runtime(_reindex)
    print(json.dumps({"members": count}) if args.json else f"indexed {count} members")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    files = sub.add_parser("files", help="coordination files: maintenance of their indexes")
    files_sub = files.add_subparsers(dest="files_command", required=True, metavar="SUBCOMMAND")
    p = files_sub.add_parser(
        "reindex-names", help="write the name index of every member (files opened before it)"
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    p.set_defaults(func=cmd_reindex_names)
