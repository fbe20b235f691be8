"""Structured logs: one JSON object per line with the request id (or plain text for development)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.settings import Settings

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


_configured = False
# Libraries that log every SQL statement with its parameters at DEBUG: a complaint's insert carries the
# reporter's e-mail, phone and text. They are held at WARNING whatever level the root logger gets, so that
# no log at any level links a person to a complaint (issue 13, docs/privacy.md).
PARAMETER_LOGGERS = ("aiosqlite",)


def configure_logging(settings: Settings) -> None:
    global _configured
    for name in PARAMETER_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    if _configured:
        return
    _configured = True
    handler = logging.StreamHandler(sys.stderr)
    if settings.log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger = logging.getLogger("portal")
    logger.handlers = [handler]
    logger.setLevel(settings.log_level.upper())
    logger.propagate = False
