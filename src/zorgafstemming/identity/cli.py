"""Command-line commands of the identity package: ``users create|disable|reset-mfa|invite`` and
``policies check``.

The command line acts as the host's operator (no account, so no Cedar decision: its events
carry :data:`~zorgafstemming.identity.actors.OPERATOR_COMMAND` as the deciding policy), and every
change is audited like the same change through the API. Output names accounts by id, never by email.
Activation links are mailed to the account's own address, like the API's; ``--print-link`` also
prints one, for the first administrator before mail works (the operator holds the server, its keys
and the outbox anyway, so printing hands them nothing new). The operator's re-invite and reset act
at once: a second person adds nothing against someone who holds the server.
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Literal


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


def _print_result(args: argparse.Namespace, result: dict[str, Any], done: str) -> None:
    if args.json:
        print(json.dumps(result))
        return
    print(f"account {result['account_id']} {done}")
    if "activation_link" in result:
        print(f"activation link (one-time, valid 7 days): {result['activation_link']}")


def _link(runtime: Any, token: str) -> str:
    from urllib.parse import quote

    from zorgafstemming.mail import outbox

    return outbox.link(runtime, f"/activeren?code={quote(token, safe='')}")


def cmd_users_create(args: argparse.Namespace) -> int:
    """Create an invited account and mail its activation link to the account's own address;
    ``--coordinator`` makes a social worker their organisation's coordinator (who assigns
    colleagues to files)."""
    from zorgafstemming.commands import CliError
    from zorgafstemming.identity import accounts, colleagues, organisations, staff_contacts
    from zorgafstemming.identity.actors import operator_command
    from zorgafstemming.identity.principal import Role

    if not args.email:
        raise CliError("--email is required: the activation link goes to that address")
    if args.role == Role.FAMILY.value:
        raise CliError("family accounts are made by inviting a member from their file")

    async def work(runtime: Any) -> dict[str, Any]:
        async with runtime.unit_of_work() as uow:
            org_id = None
            if args.organisation:
                org_id = await organisations.organisation_id_for_slug(uow, args.organisation)
                if org_id is None:
                    raise CliError(f"no organisation with slug {args.organisation!r}")
            account_id = await accounts.create_account(
                uow,
                operator_command(),
                None,
                role=Role(args.role),
                email=args.email,
                organisation_id=org_id,
            )
            if args.coordinator:
                await colleagues.set_coordinator(uow, account_id)
            if args.name or args.work_phone:
                await staff_contacts.set_staff_contact(
                    uow, account_id, name=args.name, work_phone=args.work_phone
                )
            token = await accounts.send_new_link(uow, await accounts.load(uow, account_id))
        result: dict[str, Any] = {
            "account_id": str(account_id),
            "status": "invited",
            "is_coordinator": bool(args.coordinator),
        }
        if args.print_link:
            result["activation_link"] = _link(runtime, token)
        return result

    coordinator = ", coordinator of its organisation" if args.coordinator else ""
    done = f"created (invited{coordinator}); the activation link was mailed to it"
    _print_result(args, _run(work), done)
    return 0


def cmd_users_contact(args: argparse.Namespace) -> int:
    """Set a social worker's name and work phone, shown to the families whose contact person
    they are (replaces what was stored)."""
    from zorgafstemming.identity import staff_contacts

    async def work(runtime: Any) -> dict[str, Any]:
        async with runtime.unit_of_work() as uow:
            account_id = await _resolve_account(uow, args.account)
            await staff_contacts.set_staff_contact(
                uow, account_id, name=args.name, work_phone=args.work_phone
            )
        return {"account_id": str(account_id)}

    _print_result(args, _run(work), "contact details stored")
    return 0


def _change(args: argparse.Namespace, what: str) -> int:
    from zorgafstemming.identity import account_admin, accounts
    from zorgafstemming.identity.actors import operator_command

    async def work(runtime: Any) -> dict[str, Any]:
        async with runtime.unit_of_work() as uow:
            account_id = await _resolve_account(uow, args.account)
            result: dict[str, Any] = {"account_id": str(account_id)}
            ctx = operator_command()
            if what == "disable":
                await accounts.disable_account(uow, ctx, None, account_id)
                return result
            kind: Literal["reinvite", "reset-mfa"] = (
                "reset-mfa" if what == "reset-mfa" else "reinvite"
            )
            token = await account_admin.operator_renew(uow, ctx, account_id, kind)
        result["status"] = "invited"
        if args.print_link:
            result["activation_link"] = _link(runtime, token)
        return result

    result = _run(work)
    done = {"disable": "disabled; its sessions and tokens have ended"}.get(
        what, "must activate again; a new activation link was mailed to it"
    )
    _print_result(args, result, done)
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
    print_link = (
        "also print the activation link (bootstrapping the first administrator before mail "
        "works; the host operator holds the server anyway)"
    )
    p = users_sub.add_parser("create", help="create a staff account and mail its activation link")
    p.add_argument("--role", required=True, choices=[r.value for r in Role if r is not Role.FAMILY])
    p.add_argument("--email", required=True, help="email address; the link is mailed to it")
    p.add_argument("--organisation", help="organisation slug (social workers)")
    p.add_argument("--print-link", action="store_true", help=print_link)
    p.add_argument(
        "--coordinator",
        action="store_true",
        help="a social worker who assigns colleagues of their organisation to files",
    )
    p.add_argument("--name", help="the worker's name, as families see their contact person")
    p.add_argument("--work-phone", help="the worker's work phone number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_create)
    p = users_sub.add_parser(
        "contact", help="set a social worker's name and work phone (shown to families)"
    )
    p.add_argument("account", help="account id or email address")
    p.add_argument("--name", help="the worker's name")
    p.add_argument("--work-phone", help="the worker's work phone number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_contact)
    for name, text in (
        ("disable", "disable an account and end its sessions and tokens"),
        ("reset-mfa", "lost phone: clear password and TOTP, mail a new activation link"),
        ("invite", "re-invite (forgotten password, disabled account): mail a new activation link"),
    ):
        p = users_sub.add_parser(name, help=text)
        p.add_argument("account", help="account id or email address")
        if name != "disable":
            p.add_argument("--print-link", action="store_true", help=print_link)
        p.add_argument("--json", action="store_true")
        p.set_defaults(func=lambda args, what=name: _change(args, what))

    policies = sub.add_parser("policies", help="Cedar policies: check")
    policies_sub = policies.add_subparsers(
        dest="policies_command", required=True, metavar="SUBCOMMAND"
    )
    p = policies_sub.add_parser("check", help="validate the policies against the schema")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_policies_check)
