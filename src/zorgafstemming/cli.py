"""The ``zorgafstemming`` command: clear one-line errors and a non-zero exit, never a traceback."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from zorgafstemming import __version__
from zorgafstemming.commands import CliError, command_settings

if TYPE_CHECKING:
    from zorgafstemming.config import Settings


def cmd_init(args: argparse.Namespace) -> int:
    """Create the data folder, the key files (never overwriting one) and the database schema."""
    from zorgafstemming import migrate
    from zorgafstemming.crypto.keyfiles import init_keys

    os.umask(0o077)  # the database and anything else written here is private to this user
    settings = command_settings(args)
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    kek_elsewhere = bool(settings.kek_env_var) or settings.kek_pkcs11_module is not None
    created = init_keys(settings.keys_path, with_kek_file=not kek_elsewhere)
    if settings.kek_pkcs11_module is not None:
        from zorgafstemming.crypto.providers import kek_provider

        kek_provider(settings, create=True)  # the token's first KEK version, if it has none
    url = settings.effective_database_url
    was_new = asyncio.run(migrate.current_revision(url)) is None
    migrate.upgrade(url)
    seeded = False
    if args.seed_demo_if_new and was_new and settings.demo_on and not settings.is_production:
        report = asyncio.run(_seed(settings))
        seeded = True
        _print_demo(report, as_json=False)
    if args.json:
        print(json.dumps({"keys_created": created, "database_new": was_new, "demo_seeded": seeded}))
    else:
        print(f"data folder: {settings.data_dir.resolve()}")
        print(f"key files created: {', '.join(created) if created else 'none (kept existing)'}")
        print(f"database: {'created' if was_new else 'up to date'}")
    return 0


async def _seed(settings: Any) -> Any:
    from zorgafstemming.demo import seed_demo
    from zorgafstemming.runtime import Runtime

    runtime = Runtime.build(settings)
    try:
        return await seed_demo(runtime)
    finally:
        await runtime.close()


def cmd_demo_reset_credentials(args: argparse.Namespace) -> int:
    """New passwords and TOTP secrets for the demo accounts, printed like the seed's."""
    from zorgafstemming.commands import run_on_runtime
    from zorgafstemming.demo import DemoRefused, reset_demo_credentials

    try:
        report = run_on_runtime(reset_demo_credentials)
    except DemoRefused as exc:
        raise CliError(str(exc)) from None
    _print_demo(report, as_json=args.json)
    return 0


def _print_demo(report: Any, *, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "accounts": report.accounts,
                    "organisations": report.organisations,
                    "files": report.files,
                }
            )
        )
        return
    print("=" * 72)
    print("DEMO DATA — fictitious people and organisations, for trying the service only")
    print("=" * 72)
    for account in report.accounts:
        print(
            f"{account.get('role', ''):14} {account.get('email', ''):40} "
            f"password: {account.get('password', '')}  "
            f"TOTP secret: {account.get('totp_secret', '')}"
        )
    if not report.accounts:
        print("(no demo accounts yet)")


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from zorgafstemming.demo import DemoRefused

    settings = command_settings(args)
    try:
        report = asyncio.run(_seed(settings))
    except DemoRefused as exc:
        raise CliError(str(exc)) from None
    _print_demo(report, as_json=args.json)
    return 0


def _refuse_unchecked_restore(settings: Any) -> None:
    """Stop before listening when the database was restored and restore-check has not run."""
    from zorgafstemming.retention.ledger import RestoreCheckRequired, require_restore_checked
    from zorgafstemming.runtime import Runtime

    async def check() -> None:
        runtime = Runtime.build(settings)
        try:
            await require_restore_checked(runtime)
        finally:
            await runtime.close()

    try:
        asyncio.run(check())
    except RestoreCheckRequired as exc:
        raise CliError(str(exc), 3) from None


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from zorgafstemming.app import create_app

    settings = command_settings(args)
    host = args.host or settings.host
    port = args.port or settings.port
    workers = serve_workers(settings, args.workers)
    app = create_app(settings)
    _refuse_unchecked_restore(settings)
    print(
        f"zorgafstemming {__version__} is running: open http://{host}:{port}/ "
        f"(health: http://{host}:{port}/health/ready). Press Ctrl-C to stop.",
        flush=True,
    )
    if settings.metrics_port:
        where = f"{settings.metrics_host}:{settings.metrics_port}"
        print(f"metrics: http://{where}/metrics (a listener of its own)", flush=True)
    if not settings.smtp_url:
        print(f"no ZORG_SMTP_URL: mails are written to {settings.mail_path.resolve()}", flush=True)
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": None,
        "access_log": False,
        "proxy_headers": bool(settings.trusted_proxies),
        "forwarded_allow_ips": list(settings.trusted_proxies) or None,
        "server_header": False,
        # uvloop and httptools when installed (they are dependencies), else asyncio and h11.
        "loop": "auto",
        "http": "auto",
    }
    if workers == 1:
        uvicorn.run(app, **options)
        return 0
    # Each worker process builds the app from the same ZORG_* settings. The audit sealer and
    # the retention scheduler stay single-leader through their leases in the database.
    print(f"{workers} worker processes", flush=True)
    uvicorn.run("zorgafstemming.app:app_from_env", factory=True, workers=workers, **options)
    return 0


def serve_workers(settings: Settings, asked: int | None) -> int:
    """How many server processes to run: as asked, by default one per CPU on PostgreSQL; on
    SQLite always one (a second process would only queue on the one writer)."""
    from zorgafstemming.db import is_sqlite

    if is_sqlite(settings.effective_database_url):
        if asked is not None and asked > 1:
            raise CliError(
                "SQLite serves from one process: drop --workers, or move to PostgreSQL "
                "(ZORG_DATABASE_URL) to run several"
            )
        return 1
    if asked is not None:
        if asked < 1:
            raise CliError("--workers must be at least 1")
        return asked
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def cmd_db(args: argparse.Namespace) -> int:
    from zorgafstemming import migrate

    settings = command_settings(args)
    url = settings.effective_database_url
    if args.db_command == "upgrade":
        migrate.upgrade(url)
        print(f"database at revision {migrate.head_revision()}")
        return 0
    if args.db_command == "current":
        current = asyncio.run(migrate.current_revision(url))
        head = migrate.head_revision()
        state = "up to date" if current == head else f"behind (head is {head})"
        print(f"{current or 'empty'} — {state}")
        return 0 if current == head else 1
    current = asyncio.run(migrate.current_revision(url))
    if current != migrate.head_revision():
        raise CliError(f"database is at {current or 'empty'}, not at head; run `db upgrade`")
    diffs = asyncio.run(migrate.drift(url))
    if diffs:
        for diff in diffs:
            print(f"drift: {diff}", file=sys.stderr)
        raise CliError(f"models and migrations differ in {len(diffs)} place(s)")
    print("models and migrations are in step")
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from zorgafstemming.preflight import key_file_problems, production_problems

    settings = command_settings(args)
    if args.production:
        settings = replace(settings, env="production")
    if settings.is_production:
        problems = production_problems(settings)
    else:
        problems = key_file_problems(settings)
    if args.json:
        print(json.dumps({"env": settings.env, "problems": problems}))
    elif problems:
        for problem in problems:
            print(f"problem: {problem}")
    else:
        print(f"configuration is fine for {settings.env}")
    return 1 if problems else 0


def cmd_openapi(args: argparse.Namespace) -> int:
    """Write the OpenAPI document, as the service serves it, to a file or standard output."""
    from zorgafstemming.apidocs.document import document_json, openapi_document

    text = document_json(openapi_document())
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as target:
            target.write(text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(f"cannot write {args.output}: {reason}") from None
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from zorgafstemming.accessreview import cli as review_cli
    from zorgafstemming.audit import cli as audit_cli
    from zorgafstemming.coordination import cli as coordination_cli
    from zorgafstemming.crypto import cli as crypto_cli
    from zorgafstemming.identity import cli as identity_cli
    from zorgafstemming.mail import cli as mail_cli
    from zorgafstemming.retention import cli as retention_cli

    parser = argparse.ArgumentParser(prog="zorgafstemming", description=__doc__)
    parser.add_argument("--version", action="version", version=f"zorgafstemming {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create data folder, key files and database")
    p.add_argument(
        "--seed-demo-if-new", action="store_true", help="seed demo data into a new database"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("serve", help="run the web service")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument(
        "--workers",
        type=int,
        help="server processes (default: one per CPU on PostgreSQL; SQLite runs one)",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("db", help="database schema: upgrade, current, check")
    p.add_argument("db_command", choices=["upgrade", "current", "check"])
    p.set_defaults(func=cmd_db)

    p = sub.add_parser("check-config", help="list configuration problems")
    p.add_argument("--production", action="store_true", help="check as if in production")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check_config)

    p = sub.add_parser("openapi", help="write the OpenAPI document (JSON) of the API")
    p.add_argument("--output", "-o", help="file to write (default: standard output)")
    p.set_defaults(func=cmd_openapi)

    demo = sub.add_parser("demo", help="demo data (development only)")
    demo_sub = demo.add_subparsers(dest="demo_command", required=True, metavar="SUBCOMMAND")
    p = demo_sub.add_parser("seed", help="create the demo network and print its accounts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo_seed)
    p = demo_sub.add_parser(
        "reset-credentials",
        help="give the demo accounts new passwords and TOTP secrets and print them",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_demo_reset_credentials)

    for module in (
        crypto_cli,
        identity_cli,
        coordination_cli,
        audit_cli,
        retention_cli,
        mail_cli,
        review_cli,
    ):
        module.register(sub)
    return parser


def _error_message(exc: BaseException) -> str | None:
    """A one-line message for an expected failure, or None for a real bug."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from zorgafstemming.config import ConfigError
    from zorgafstemming.crypto.keyfiles import KeyFileError

    if isinstance(exc, CliError | ConfigError | KeyFileError):
        return str(exc)
    if isinstance(exc, OperationalError | ConnectionError | TimeoutError) or (
        isinstance(exc, DBAPIError) and exc.connection_invalidated
    ):
        return "cannot reach the database (check ZORG_DATABASE_URL and that the server runs)"
    if isinstance(exc, OSError) and exc.__class__.__module__ in ("builtins", "asyncpg.exceptions"):
        return f"cannot reach the database or a file: {exc.strerror or type(exc).__name__}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = _error_message(exc)
        if message is None:
            from zorgafstemming.logging import configure_logging, get_logger

            configure_logging()
            get_logger("zorgafstemming.cli").error(
                "command_failed", error_type=type(exc).__name__, exc_info=exc
            )
            message = f"unexpected {type(exc).__name__}; details were logged"
        print(f"zorgafstemming: error: {message}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
