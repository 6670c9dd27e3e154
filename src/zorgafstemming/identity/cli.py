"""Command-line commands of the identity package: ``users create|disable|reset-mfa|invite`` and
``policies check``.

The command line acts as the host's operator (no account, so no Cedar decision: its events
carry :data:`~zorgafstemming.identity.actors.OPERATOR_COMMAND` as the deciding policy), and every
change is audited like the same change through the API. Output names accounts by id, never by email.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any


def _run(work: Callable[[Any], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
    from zorgafstemming.commands import run_on_runtime
    from zorgafstemming.problems import ProblemError

    try:
        return run_on_runtime(work)
    except ProblemError as exc:
        raise _cli_error(exc) from None


def _cli_error(exc: Any) -> Exception:
    from zorgafstemming.commands import CliError

    fields = "; ".join(f"{e['field']}: {e['message']}" for e in exc.extra.get("errors", []))
    return CliError(f"{exc.detail or exc.title}{' (' + fields + ')' if fields else ''}")


async def _resolve_account(uow: Any, who: str) -> uuid.UUID:
    from zorgafstemming.commands import CliError
    from zorgafstemming.identity import accounts

    try:
        return uuid.UUID(who)
    except ValueError:
        pass
    account_id = await accounts.account_id_for_email(uow, who)
    if account_id is None:
        raise CliError("no account with that id or email address")
    return account_id


def cmd_users_create(args: argparse.Namespace) -> int:
    """Create an invited account and print its one-time activation token; ``--coordinator``
    makes a social worker their organisation's coordinator (who assigns colleagues to files)."""
    from zorgafstemming.commands import CliError
    from zorgafstemming.identity import accounts, colleagues, organisations
    from zorgafstemming.identity.actors import operator_command
    from zorgafstemming.identity.principal import Role

    async def work(runtime: Any) -> dict[str, Any]:
        async with runtime.unit_of_work() as uow:
            org_id = None
            if args.organisation:
                org_id = await organisations.organisation_id_for_slug(uow, args.organisation)
                if org_id is None:
                    raise CliError(f"no organisation with slug {args.organisation!r}")
            account_id, token = await accounts.create_account(
                uow,
                operator_command(),
                None,
                role=Role(args.role),
                email=args.email,
                organisation_id=org_id,
            )
            if args.coordinator:
                await colleagues.set_coordinator(uow, account_id)
        return {
            "account_id": str(account_id),
            "activation_token": token,
            "is_coordinator": bool(args.coordinator),
        }

    result = _run(work)
    if args.json:
        print(json.dumps(result))
    else:
        coordinator = ", coordinator of its organisation" if result["is_coordinator"] else ""
        print(f"account {result['account_id']} created (invited{coordinator})")
        print(f"activation token (one-time, valid 7 days): {result['activation_token']}")
    return 0


def _change(args: argparse.Namespace, what: str) -> int:
    from zorgafstemming.identity import accounts
    from zorgafstemming.identity.actors import operator_command

    async def work(runtime: Any) -> dict[str, Any]:
        async with runtime.unit_of_work() as uow:
            account_id = await _resolve_account(uow, args.account)
            result: dict[str, Any] = {"account_id": str(account_id)}
            ctx = operator_command()
            if what == "disable":
                await accounts.disable_account(uow, ctx, None, account_id)
            elif what == "reset-mfa":
                result["activation_token"] = await accounts.reset_mfa(uow, ctx, None, account_id)
            else:
                result["activation_token"] = await accounts.reinvite(uow, ctx, None, account_id)
        return result

    result = _run(work)
    if args.json:
        print(json.dumps(result))
        return 0
    done = {"disable": "disabled; its sessions and tokens have ended"}.get(
        what, "must activate again"
    )
    print(f"account {result['account_id']} {done}")
    if "activation_token" in result:
        print(f"activation token (one-time, valid 7 days): {result['activation_token']}")
    return 0


def cmd_policies_check(args: argparse.Namespace) -> int:
    """Parse and validate the Cedar policies against the schema."""
    from zorgafstemming.authz.engine import AuthzEngine, PolicyError
    from zorgafstemming.commands import CliError

    try:
        engine = AuthzEngine.load()
    except PolicyError as exc:
        raise CliError(f"policies are invalid: {exc}") from None
    if args.json:
        print(json.dumps({"valid": True, "policies": sorted(engine.policy_ids)}))
    else:
        print(f"policies are valid: {len(engine.policy_ids)} policies, each with an @id")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this package's commands to the `zorgafstemming` command."""
    from zorgafstemming.identity.principal import Role

    users = sub.add_parser("users", help="accounts: create, disable, reset-mfa, invite")
    users_sub = users.add_subparsers(dest="users_command", required=True, metavar="SUBCOMMAND")
    p = users_sub.add_parser("create", help="create an account and print its activation token")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--email", help="email address (optional for family accounts)")
    p.add_argument("--organisation", help="organisation slug (social workers)")
    p.add_argument(
        "--coordinator",
        action="store_true",
        help="a social worker who assigns colleagues of their organisation to files",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_create)
    for name, text in (
        ("disable", "disable an account and end its sessions and tokens"),
        ("reset-mfa", "lost phone: clear password and TOTP, print a new activation token"),
        ("invite", "re-invite (forgotten password, disabled account): new activation token"),
    ):
        p = users_sub.add_parser(name, help=text)
        p.add_argument("account", help="account id or email address")
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=lambda args, what=name: _change(args, what))

    policies = sub.add_parser("policies", help="Cedar policies: check")
    policies_sub = policies.add_subparsers(
        dest="policies_command", required=True, metavar="SUBCOMMAND"
    )
    p = policies_sub.add_parser("check", help="validate the policies against the schema")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_policies_check)
