"""structlog JSON logs that keep only an allow-list of keys, so personal data cannot slip in."""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

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


def configure_logging(level: str = "INFO", stream: Any = None) -> None:
    """Set up structlog (and the standard library's root logger) to write JSON lines."""
    numeric = logging.getLevelName(level.upper())
    if not isinstance(numeric, int):
        numeric = logging.INFO
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        drop_unlisted_keys,
        structlog.processors.JSONRenderer(),
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(numeric),
        logger_factory=structlog.PrintLoggerFactory(file=stream or sys.stderr),
        cache_logger_on_first_use=False,
    )
    # Third-party loggers (uvicorn, sqlalchemy) stay quiet below WARNING and never log bodies.
    logging.basicConfig(level=logging.WARNING, stream=stream or sys.stderr, force=True)
    for name in ("uvicorn.access",):
        logging.getLogger(name).disabled = True


def get_logger(name: str = "zorgafstemming") -> Any:
    return structlog.get_logger(name)
