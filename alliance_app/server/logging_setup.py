"""Where the server logs and in what form: pure JSON lines (one object per line, for a log collector) or plain text,
to stderr, stdout or a file (reopened when logrotate moves it)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any


class JsonLines(logging.Formatter):
    """One JSON object per record. The access log hands its fields over as they are (`extra`); a message that is
    itself a JSON object has its fields merged in."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):  # the access log's fields, given as they are
            entry.update(fields)
            return _dumps(entry, self, record)
        message = record.getMessage()
        if message.startswith("{"):
            try:
                fields = json.loads(message)
            except ValueError:
                fields = None
        if isinstance(fields, dict):
            entry.update(fields)
        else:
            entry["message"] = message
        return _dumps(entry, self, record)


def _dumps(entry: dict[str, Any], formatter: logging.Formatter, record: logging.LogRecord) -> str:
    if record.exc_info:
        entry["error"] = formatter.formatException(record.exc_info)
    return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str, form: str = "json", destination: str = "") -> dict[str, Any]:
    """A logging.dictConfig for uvicorn and our loggers. `destination`: "" stderr, "-" stdout, else a file path."""
    if destination in ("", "-"):
        stream = "ext://sys.stdout" if destination == "-" else "ext://sys.stderr"
        handler: dict[str, Any] = {"class": "logging.StreamHandler", "stream": stream}
    else:
        handler = {"class": "logging.handlers.WatchedFileHandler", "filename": destination, "encoding": "utf-8"}
    formatters = {
        "json": {"()": JsonLines},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": formatters,
        "handlers": {"out": {**handler, "formatter": form if form in formatters else "json"}},
        "loggers": {
            "uvicorn": {"handlers": ["out"], "level": level.upper()},
            "alliance_server": {"handlers": ["out"], "level": level.upper(), "propagate": False},
        },
    }
