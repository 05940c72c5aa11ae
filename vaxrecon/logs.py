"""Logging for unattended runs: one JSON object per line, ID and phone numbers masked."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from pathlib import Path

_NUMBER = re.compile(r"(?<![\d*])(\d{3})(\d{3,7})(\d{3})(?!\d)")


def mask_ids(text: str) -> str:
    """Hide the middle of every 9–13 digit number (ID card, CMND, phone): 058******234."""
    return _NUMBER.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), text)


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": dt.datetime.fromtimestamp(record.created).isoformat(timespec="seconds"),
                 "level": record.levelname.lower(), "logger": record.name,
                 "message": mask_ids(record.getMessage())}
        for key, value in getattr(record, "fields", {}).items():
            entry[key] = mask_ids(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["error"] = mask_ids(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_log_to(path: Path) -> logging.Handler:
    """Attach a JSON-lines file handler to the 'vaxrecon' logger; returns it for removal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("vaxrecon")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
