"""Evidence parsing and verification: one entry point, ``parse_evidence``.

Formats (see DESIGN.md, Evidence, and reference/standards.md §8):

* ``test_report``  — JUnit XML or SARIF 2.1.0, sniffed from the content;
* ``audit_log``    — JSON Lines (UTF-8), one object per line;
* ``attestation``  — an in-toto Statement in a DSSE envelope, or a Sigstore bundle v0.3 (model-signing);
* ``metric``       — a JSON object of metric name → number;
* ``document`` and ``signature`` — any bytes, summarised by size and SHA-256.

Any kind may come with a detached signature and a trusted key; the signature is checked over the
file's bytes. Malformed or unsafe input raises ``EvidenceRejected``; a signature that does not
check out is not a rejection but a ``failed`` result that keeps the parsed summary.
"""

from __future__ import annotations

import hashlib

from . import signatures
from .parsers_attestation import NO_KEY, parse_attestation, verify_attestation
from .parsers_common import EvidenceRejected, ParseResult
from .parsers_logs import parse_audit_log, parse_metrics
from .parsers_reports import parse_test_report

__all__ = ["EvidenceRejected", "ParseResult", "parse_evidence", "KINDS"]

KINDS = ("test_report", "signature", "attestation", "audit_log", "document", "metric")


def parse_evidence(*, kind: str, data: bytes, filename: str = "", signature: bytes | None = None,
                   key=None) -> ParseResult:
    """Parse ``data`` as evidence of ``kind``; verify what can be verified with ``key``.

    ``key`` is any object with ``algorithm`` and ``public_key_pem``; ``signature`` is raw bytes.
    """
    if kind not in KINDS:
        raise EvidenceRejected(f"Unknown evidence kind {kind!r}; use one of: {', '.join(KINDS)}.")
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("data must be bytes")
    data = bytes(data)
    if not data:
        raise EvidenceRejected("The file is empty.")

    checks: list[tuple[bool | None, str]] = []   # (True verified | False failed | None unchecked, detail)
    if kind == "test_report":
        fmt, summary = parse_test_report(data, filename)
    elif kind == "audit_log":
        fmt, summary = "jsonl", parse_audit_log(data, filename)
    elif kind == "metric":
        fmt, summary = "metric-json", parse_metrics(data, filename)
    elif kind == "attestation":
        att = parse_attestation(data, filename)
        fmt, summary = att.format, att.summary
        checks.append(verify_attestation(att, key))
    else:  # document, signature (the signed artefact itself)
        fmt, summary = "document", {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}

    if signature is not None:
        if key is None:
            checks.append((None, "Detached signature not checked: no trusted key given."))
        else:
            checks.append(signatures.verify_detached(data=data, signature=bytes(signature),
                                                     public_key_pem=key.public_key_pem, algorithm=key.algorithm))
    elif kind == "signature":
        checks.append((None, "not verified: no detached signature given"))
    elif key is not None and not checks:
        checks.append((None, "not verified: a trusted key was given but no signature"))

    return ParseResult(status=_status(checks), summary=summary, detail=_detail(checks), format=fmt)


def _status(checks: list[tuple[bool | None, str]]) -> str:
    if any(ok is False for ok, _ in checks):
        return "failed"
    return "verified" if any(ok is True for ok, _ in checks) else "accepted"


def _detail(checks: list[tuple[bool | None, str]]) -> str:
    parts = [detail.rstrip() for _, detail in checks if detail]
    if any(ok is True for ok, _ in checks):  # "no key given" for one part would only confuse
        parts = [d for (ok, d) in checks if d and not (ok is None and d == NO_KEY)]
    if len(parts) == 1:
        return parts[0]
    return " ".join(p if p.endswith((".", "…", ")")) else p + "." for p in parts)
