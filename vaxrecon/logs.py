"""Logging for unattended runs: one JSON object per line, ID and phone numbers masked."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import traceback
from pathlib import Path

# A run of digits, optionally after +84 and with single spaces, dots or dashes between groups.
_NUMBER = re.compile(r"(?<![0-9A-Za-z*+])(?:\+\s?84[\s.\-]?)?\d(?:[ .\-]?\d)+(?![0-9A-Za-z*:])")


def _mask(m: re.Match[str]) -> str:
    text = m.group(0)
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) < 9:
        return text
    hidden = set(digits[3:-3])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_ids(text: str) -> str:
    """Hide the middle of every ID card, CMND or phone number, however it is written:
    058******234, 0912 *** 678, 058 *** *** 234, +84 9**.***.679."""
    return _NUMBER.sub(_mask, text)


def where(error: BaseException) -> str:
    """Where an exception was raised (the last frames, innermost last) without its message, which
    may quote a cell."""
    frames = traceback.extract_tb(error.__traceback__)[-4:]
    return " > ".join(f"{Path(f.filename).name}:{f.lineno}" for f in frames)


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created).isoformat(timespec="seconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": mask_ids(record.getMessage()),
        }
        for key, value in getattr(record, "fields", {}).items():
            entry[key] = mask_ids(value) if isinstance(value, str) else value
        if record.exc_info and record.exc_info[1] is not None:
            entry["error"] = type(record.exc_info[1]).__name__
            entry["where"] = where(record.exc_info[1])
        return json.dumps(entry, ensure_ascii=False, default=str)


def json_log_to(path: Path) -> logging.Handler:
    """Attach a JSON-lines file handler to the 'vaxrecon' logger; returns it for removal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))  # personal: owner only
    if path.stat().st_uid == os.getuid():
        path.chmod(0o600)  # a log created before this rule
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("vaxrecon")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
