"""Shared pieces of the evidence parsers: the result type, the rejection, safe XML and JSON loading."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

DTD_REFUSED = ("The XML declares a DTD or entities, which are refused for safety "
               "(entity expansion and external entities are never processed). "
               "Remove the <!DOCTYPE …> declaration and upload the file again.")


class EvidenceRejected(Exception):
    """Input that must be refused with a 4xx: the message says, for a person, what is wrong."""


@dataclass
class ParseResult:
    status: str          # "accepted", "verified" or "failed"
    summary: dict = field(default_factory=dict)
    detail: str = ""
    format: str = ""


def describe(filename: str) -> str:
    """How messages name the upload: its filename when known, else "The file"."""
    return f"“{filename}”" if filename else "The file"


def decode_utf8(data: bytes, *, what: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); the rejection names the first bad byte's offset."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise EvidenceRejected(f"{what} is not valid UTF-8: byte 0x{bad} at byte offset {exc.start} "
                               f"cannot be decoded. Re-export the file as UTF-8.") from exc
    return text[1:] if text.startswith("\ufeff") else text


def load_json(data: bytes, *, what: str):
    """Parse JSON text; malformed input is rejected with the line and column."""
    text = decode_utf8(data, what=what)
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise EvidenceRejected(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}, "
                               f"column {exc.colno}.") from exc
    except _NonStandardNumber as exc:
        raise EvidenceRejected(f"{what} is not valid JSON: {exc} is not a JSON number.") from exc


class _NonStandardNumber(Exception):
    pass


def _refuse_constant(name: str):
    """Python's json accepts NaN and Infinity; standard JSON (and our summaries) do not."""
    raise _NonStandardNumber(name)


def load_xml(data: bytes, *, what: str) -> Element:
    """Parse XML through defusedxml, refusing any DTD; malformed input is rejected with its position."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise EvidenceRejected(DTD_REFUSED) from exc
    except ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        reason = str(exc).split(":")[0] or "malformed XML"
        raise EvidenceRejected(f"{what} is not well-formed XML: {reason} at line {line}, "
                               f"column {column + 1 if column is not None else '?'}.") from exc


def local_name(tag) -> str:
    """Tag name without an XML namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
