"""JSON Lines audit logs and metric JSON."""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone

from .parsers_common import EvidenceRejected, decode_utf8, describe, load_json

TIME_FIELDS = ("time", "timestamp", "ts")
EPOCH_MS_THRESHOLD = 1e11  # larger epoch numbers are milliseconds (1e11 s is the year 5138)


def _line_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _as_datetime(value) -> datetime | None:
    """ISO 8601 text or epoch seconds (or milliseconds) → aware UTC datetime; None when not a time."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return None
        seconds = value / 1000 if abs(value) >= EPOCH_MS_THRESHOLD else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str) and value.strip():
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)  # a naive timestamp is read as UTC
        return moment.astimezone(timezone.utc)
    return None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def parse_audit_log(data: bytes, filename: str = "") -> dict:
    what = describe(filename)
    text = decode_utf8(data, what=what)
    entries = errors = 0
    first_error_line = None
    earliest = latest = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line, parse_constant=_line_constant)
        except ValueError:
            record = None
        if not isinstance(record, dict):
            errors += 1
            first_error_line = first_error_line or number
            continue
        entries += 1
        stamp = next((record[f] for f in TIME_FIELDS if f in record), None)
        moment = _as_datetime(stamp)
        if moment is not None:
            earliest = moment if earliest is None or moment < earliest else earliest
            latest = moment if latest is None or moment > latest else latest
    if entries == 0:
        if errors:
            raise EvidenceRejected(f"{what} has no valid JSON Lines entries: none of its {errors} non-blank "
                                   f"line(s) is a JSON object (first bad line: {first_error_line}).")
        raise EvidenceRejected(f"{what} is empty: a JSON Lines audit log needs one JSON object per line.")
    return {
        "entries": entries,
        "parse_errors": errors,
        "first_error_line": first_error_line,
        "time_range": [_iso(earliest), _iso(latest)] if earliest is not None else None,
    }


def parse_metrics(data: bytes, filename: str = "") -> dict:
    what = describe(filename)
    doc = load_json(data, what=what)
    if not isinstance(doc, dict):
        kinds = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
        kind = kinds.get(type(doc), "null")
        raise EvidenceRejected(f"{what} must be a JSON object of metric name → number, not {kind}.")
    if not doc:
        raise EvidenceRejected(f"{what} contains no metrics: expected e.g. {{\"accuracy\": 0.93}}.")
    for name, value in doc.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise EvidenceRejected(f"Metric “{name}” is not a number ({json.dumps(value)[:60]}); "
                                   f"a metric file maps each name to a number.")
        if not name.strip():
            raise EvidenceRejected("A metric has an empty name.")
    return {"metrics": doc}
