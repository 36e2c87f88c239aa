"""Logging for the server and the SMTP filter: no log line carries a request's values.

What used to leak: a traceback's last line is the exception's text, and pydantic's says
`input_value='…'`, SQLAlchemy's lists the statement's parameters; uvicorn's access line carries the
query string (`?case_reference=…&actor_name=…`). So every handler here formats an exception as its
type alone and an access line without its query string. The app's own lines name types, codes and
ids, never values (see api/errors.py)."""

from __future__ import annotations

import logging
import logging.config
from typing import Any

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_PATH = 200


class ValueFreeFormatter(logging.Formatter):
    """Formats a record without anything it might quote from a request."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        kind = ei[0].__name__ if ei and ei[0] is not None else "Exception"
        return f"{kind} (traceback withheld: its text may quote request values)"

    def formatStack(self, stack_info: str) -> str:  # noqa: N802
        return ""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            path = str(path).split("?", 1)[0]
            if len(path) > _MAX_PATH:
                path = path[:_MAX_PATH] + "…"
            record.args = (client, method, path, version, status)
        return super().format(record)


def logging_config(level: str = "INFO", stream: Any = "ext://sys.stderr") -> dict[str, Any]:
    """A dictConfig for the root logger and uvicorn's, all through ValueFreeFormatter. Pass it
    to uvicorn as `log_config`, which applies it in every worker."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"value_free": {"()": ValueFreeFormatter, "fmt": _FORMAT}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "value_free", "stream": stream}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # uvicorn's own handlers would format with its formatters: route them to ours.
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": level, "propagate": True},
            "alembic": {"level": "WARNING"},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(logging_config(level))
