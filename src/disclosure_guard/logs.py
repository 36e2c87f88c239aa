"""Logging for the server and the SMTP filter: no log line carries a request's values.

What used to leak: a traceback's last line is the exception's text, and pydantic's says
`input_value='…'`, SQLAlchemy's lists the statement's parameters; uvicorn's access line carries the
query string (`?case_reference=…&actor_name=…`). So every handler here formats an exception as its
type alone and an access line without its query string. The app's own lines name types, codes and
ids, never values (see api/errors.py)."""

from __future__ import annotations

import codecs
import hashlib
import hmac
import logging
import logging.config
import re
from typing import Any

from disclosure_guard.crypto import Vault

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MAX_PATH = 200

# Anything shaped like local@domain, as written in a log line: plain, in <angle brackets>, or
# inside a bytes repr (aiosmtpd logs `b'RCPT TO:<jos\xc3\xa9@court.test>'`), so the backslash
# escapes of a repr are part of the match.
_ADDRESS = re.compile(r"""[^\s<>()\[\]{}"',;:@]+@[^\s<>()\[\]{}"',;:@]+""")
# Third-party lines that quote a message's text itself: withheld whole, addresses or not.
_WITHHELD = {("mail.log", "DATA readline: %s"): "DATA readline (a line of the message, withheld)"}
_LOG_TOKEN_PURPOSE = "log.address-token"


def address_token(address: str, key: bytes | None) -> str:
    """How an address is written in a log: `[addr:1a2b3c4d5e6f]`, an HMAC-SHA256 of the address
    in lower case under a key derived from the encryption key, so one address gives one token in
    every line and process, and whoever holds the key can confirm a suspected address
    (`disclosure-guard logs address-token ADDRESS`); without a key, `[addr:redacted]`."""
    if key is None:
        return "[addr:redacted]"
    if "\\" in address:  # as a bytes repr wrote it: the address it stood for
        try:
            address = codecs.escape_decode(address.encode("latin-1", "backslashreplace"))[0].decode("utf-8")
        except (UnicodeError, ValueError):
            pass
    digest = hmac.new(key, address.lower().encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()
    return f"[addr:{digest[:12]}]"


def redact_addresses(text: str, key: bytes | None) -> str:
    return _ADDRESS.sub(lambda match: address_token(match.group(0), key), text)


class AddressRedactingFilter(logging.Filter):
    """On a handler: a record's addresses as tokens, whichever logger wrote it."""

    def __init__(self, key: bytes | None = None) -> None:
        super().__init__()
        self.key = key

    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record, self.key)
        return True


def _redact_record(record: logging.LogRecord, key: bytes | None) -> None:
    withheld = _WITHHELD.get((record.name, record.msg)) if isinstance(record.msg, str) else None
    if withheld is not None:
        record.msg, record.args = withheld, None
        return
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001  a record that cannot be formatted: leave it to the handler
        return
    if "@" in message:
        record.msg, record.args = redact_addresses(message, key), None


_base_record_factory = logging.getLogRecordFactory()


def protect_logged_addresses(key: bytes | None) -> None:
    """The safety net under every logger of the process, ours and every library's: each record is
    made with its addresses already tokens, before any handler (a file, stderr, pytest's capture)
    sees it. Installing it again only changes the key."""

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = _base_record_factory(*args, **kwargs)
        _redact_record(record, key)
        return record

    logging.setLogRecordFactory(make_record)


def log_token_key(vault: Vault) -> bytes:
    """The key of address tokens: derived from the encryption key, never the key itself."""
    return vault.derive_key(_LOG_TOKEN_PURPOSE)


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
    """A dictConfig for the root logger and uvicorn's, all through ValueFreeFormatter and with
    addresses redacted (the process's runtime then installs the keyed tokens under every logger,
    protect_logged_addresses). Pass it to uvicorn as `log_config`, which applies it in every worker."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"value_free": {"()": ValueFreeFormatter, "fmt": _FORMAT}},
        "filters": {"addresses": {"()": AddressRedactingFilter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "value_free", "stream": stream,
                                "filters": ["addresses"]}},
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
