"""structlog JSON logs that keep only an allow-list of keys, so personal data cannot slip in."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import MutableMapping
from typing import Any, TextIO, cast

import structlog

# Only these keys reach the log. Values are identifiers, counts, route templates and
# exception types chosen by the code, never request bodies or personal data.
ALLOWED_KEYS = frozenset(
    {
        "event",
        "level",
        "timestamp",
        "logger",
        "request_id",
        "method",
        "route",
        "status",
        "duration_ms",
        "error_type",
        "exception",
        "action",
        "outcome",
        "policy_id",
        "count",
        "batch",
        "version",
        "point",
        "problem",
        "slug",
        "rule",
        "seq",
        "tree_size",
        "phase",
        "mail_id",
        "kind",
        "path",
        "started_at",
    }
)


def drop_unlisted_keys(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """Remove every key not on the allow-list."""
    for key in list(event_dict):
        if key not in ALLOWED_KEYS:
            del event_dict[key]
    return event_dict


# Exceptions of the database layer: their text holds SQL, parameters and, on PostgreSQL, the
# offending values ("Key (id)=(…) already exists"). Only the type and constraint are logged.
_DATABASE_MODULES = frozenset({"sqlalchemy", "sqlite3", "aiosqlite", "asyncpg", "psycopg"})
_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _is_database_error(exc: BaseException) -> bool:
    return type(exc).__module__.partition(".")[0] in _DATABASE_MODULES


def _exception_line(exc: BaseException) -> str:
    kind = type(exc)
    module = "" if kind.__module__ == "builtins" else f"{kind.__module__}."
    name = module + kind.__qualname__
    if not _is_database_error(exc):
        text = str(exc)
        return f"{name}: {text}\n" if text else f"{name}\n"
    constraint = getattr(exc, "constraint_name", None)
    where = f" (constraint {constraint})" if isinstance(constraint, str) else ""
    return f"{name}: [database error text withheld]{where}\n"


def format_exception(exc: BaseException) -> str:
    """The traceback of ``exc`` and its chain, as Python prints it, except that the text of a
    database exception (statement, parameters, row values) is replaced by its type."""
    # Newest first; each with the sentence that leads to it from the one after it in the list.
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__cause__ is not None:
            chain.append((current, _CAUSE))
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            chain.append((current, _CONTEXT))
            current = current.__context__
        else:
            chain.append((current, ""))
            current = None
    parts: list[str] = []
    for index in range(len(chain) - 1, -1, -1):  # oldest first, as Python prints it
        item = chain[index][0]
        if item.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(_exception_line(item))
        if index:
            parts.append(chain[index - 1][1])
    return "".join(parts).rstrip("\n")


def render_exc_info(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: ``exc_info`` becomes ``exception`` through :func:`format_exception`."""
    exc_info = event_dict.pop("exc_info", None)
    exc: BaseException | None = None
    if isinstance(exc_info, BaseException):
        exc = exc_info
    elif isinstance(exc_info, tuple):
        exc = exc_info[1]
    elif exc_info:
        exc = sys.exc_info()[1]
    if exc is not None:
        event_dict["exception"] = format_exception(exc)
    return event_dict


class _WithheldDatabaseText(logging.Formatter):
    """The standard library's formatter with :func:`format_exception` for tracebacks."""

    def formatException(self, ei: Any) -> str:
        return format_exception(ei[1]) if ei and ei[1] is not None else ""


class _CurrentStderr:
    """``sys.stderr`` as it is when a line is written, not when logging was set up: a stream
    replaced since (a test's captured output, a daemon's redirect) and closed again must not
    take the log lines down with it."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(level: str = "INFO", stream: Any = None) -> None:
    """Set up structlog (and the standard library's root logger) to write JSON lines, to
    ``stream`` or else to whatever ``sys.stderr`` is at the time of each line."""
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        numeric = logging.INFO
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        render_exc_info,
        drop_unlisted_keys,
        structlog.processors.JSONRenderer(),
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=stream or cast(TextIO, _CurrentStderr())),
        cache_logger_on_first_use=False,
    )
    # Third-party loggers (uvicorn, sqlalchemy) stay quiet below WARNING and never log bodies.
    logging.basicConfig(level=logging.WARNING, stream=stream or _CurrentStderr(), force=True)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_WithheldDatabaseText(logging.BASIC_FORMAT))
    for name in ("uvicorn.access",):
        logging.getLogger(name).disabled = True


def get_logger(name: str = "zorgafstemming") -> Any:
    return structlog.get_logger(name)
