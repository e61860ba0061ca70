"""Attestations: in-toto Statements in DSSE envelopes, and Sigstore bundles (as model-signing writes them)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

from . import signatures
from .parsers_common import EvidenceRejected, describe, load_json

INTOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPES = ("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1")
BUNDLE_MEDIA_TYPES = (
    "application/vnd.dev.sigstore.bundle.v0.3+json",
    "application/vnd.dev.sigstore.bundle+json;version=0.3",
    "application/vnd.dev.sigstore.bundle+json;version=0.2",
    "application/vnd.dev.sigstore.bundle+json;version=0.1",
)
MODEL_SIGNING_V1 = "https://model_signing/signature/v1.0"
MODEL_SIGNING_LEGACY = "https://model_signing/Digests/v0.1"
MAX_SUBJECTS = 200
NO_KEY = "not verified: no trusted key given"


@dataclass
class Attestation:
    format: str                      # "in-toto-dsse" or "sigstore-bundle"
    envelope: dict
    summary: dict
    problems: list[str] = field(default_factory=list)   # integrity faults found without any key
    key_hint: str | None = None
    keyless: bool = False            # the bundle carries a Fulcio certificate rather than a key hint


def parse_attestation(data: bytes, filename: str = "") -> Attestation:
    what = describe(filename)
    doc = load_json(data, what=what)
    if not isinstance(doc, dict):
        raise EvidenceRejected(f"{what} is not an attestation: expected a JSON object.")
    if str(doc.get("mediaType", "")).startswith("application/vnd.dev.sigstore.bundle"):
        return _from_bundle(doc, what)
    if {"payloadType", "payload", "signatures"} <= doc.keys():
        envelope = _check_envelope(doc, what)
        statement = _statement(envelope, what)
        sigs = envelope["signatures"]
        hint = next((s.get("keyid") for s in sigs if isinstance(s, dict) and s.get("keyid")), None)
        att = Attestation("in-toto-dsse", envelope, {}, key_hint=hint)
        att.summary = _summarise(statement, att, signatures=len(sigs))
        return att
    if doc.get("_type") in STATEMENT_TYPES:
        raise EvidenceRejected(f"{what} is a bare in-toto Statement with no signature. Upload it wrapped in a "
                               f"DSSE envelope (payloadType {INTOTO_PAYLOAD_TYPE}) or a Sigstore bundle.")
    raise EvidenceRejected(f"{what} is neither a DSSE envelope (payloadType, payload, signatures) nor a "
                           f"Sigstore bundle (mediaType {BUNDLE_MEDIA_TYPES[0]}).")


def _from_bundle(doc: dict, what: str) -> Attestation:
    media_type = doc.get("mediaType")
    if media_type not in BUNDLE_MEDIA_TYPES:
        raise EvidenceRejected(f"{what} is a Sigstore bundle of unsupported media type {media_type!r}.")
    if "dsseEnvelope" not in doc:
        if "messageSignature" in doc:
            raise EvidenceRejected(f"{what} is a Sigstore bundle that signs a single file digest "
                                   f"(messageSignature), not an attestation; it carries no in-toto Statement.")
        raise EvidenceRejected(f"{what} is a Sigstore bundle without a dsseEnvelope.")
    envelope = _check_envelope(doc["dsseEnvelope"], what)
    statement = _statement(envelope, what)
    material = doc.get("verificationMaterial") if isinstance(doc.get("verificationMaterial"), dict) else {}
    att = Attestation("sigstore-bundle", envelope, {})
    if isinstance(material.get("publicKey"), dict):
        att.key_hint = material["publicKey"].get("hint") or None
        kind = "publicKey"
    elif "certificate" in material or "x509CertificateChain" in material:
        att.keyless = True
        kind = "certificate" if "certificate" in material else "x509CertificateChain"
        att.key_hint = _certificate_identity(material)
    else:
        kind = None
    if len(envelope["signatures"]) != 1:
        att.problems.append(f"A Sigstore bundle must carry exactly one DSSE signature; this one has "
                            f"{len(envelope['signatures'])}.")
    att.summary = _summarise(statement, att, signatures=len(envelope["signatures"]))
    att.summary.update({
        "media_type": media_type,
        "verification_material": kind,
        "tlog_entries": len(material.get("tlogEntries") or []),
    })
    return att


def _in(what: str) -> str:
    """``what`` for use mid-sentence."""
    return "the file" if what == "The file" else what


def _check_envelope(env, what: str) -> dict:
    if not isinstance(env, dict):
        raise EvidenceRejected(f"The DSSE envelope in {_in(what)} is not a JSON object.")
    if env.get("payloadType") != INTOTO_PAYLOAD_TYPE:
        raise EvidenceRejected(f"The DSSE payloadType in {_in(what)} is {env.get('payloadType')!r}; "
                               f"only in-toto attestations ({INTOTO_PAYLOAD_TYPE}) are accepted.")
    sigs = env.get("signatures")
    if not isinstance(sigs, list) or not sigs or not all(isinstance(s, dict) for s in sigs):
        raise EvidenceRejected(f"The DSSE envelope in {_in(what)} has no signatures.")
    return env


def _statement(env: dict, what: str) -> dict:
    try:
        raw = signatures.b64decode_lenient(env.get("payload"))
    except ValueError as exc:
        raise EvidenceRejected(f"The DSSE payload in {_in(what)} is not valid base64.") from exc
    statement = load_json(raw, what=f"The DSSE payload in {_in(what)}")
    if not isinstance(statement, dict) or statement.get("_type") not in STATEMENT_TYPES:
        found = statement.get("_type") if isinstance(statement, dict) else None
        raise EvidenceRejected(f"The DSSE payload in {_in(what)} is not an in-toto Statement "
                               f"(_type {found!r}; expected {STATEMENT_TYPES[0]}).")
    subjects = statement.get("subject")
    if not isinstance(subjects, list) or not subjects:
        raise EvidenceRejected(f"The in-toto Statement in {_in(what)} has no subjects.")
    for n, subject in enumerate(subjects, start=1):
        digest = subject.get("digest") if isinstance(subject, dict) else None
        if not isinstance(digest, dict) or not digest:
            raise EvidenceRejected(f"Subject #{n} of the in-toto Statement in {_in(what)} has no digest.")
    if not isinstance(statement.get("predicateType"), str):
        raise EvidenceRejected(f"The in-toto Statement in {_in(what)} has no predicateType.")
    return statement


def _descriptor(name, digest: dict) -> dict:
    return {"name": name if isinstance(name, str) else "",
            "digest": {str(k): v for k, v in digest.items() if isinstance(v, str)}}


def _summarise(statement: dict, att: Attestation, *, signatures: int) -> dict:
    predicate_type = statement["predicateType"]
    subjects = [_descriptor(s.get("name"), s["digest"]) for s in statement["subject"]]
    summary = {"predicate_type": predicate_type, "statement_type": statement["_type"]}
    if predicate_type == MODEL_SIGNING_V1:
        model, files = _model_signing_files(statement, subjects, att)
        summary["model"] = model
        subjects = files
    summary.update({
        "subjects": subjects[:MAX_SUBJECTS],
        "subject_count": len(subjects),
        "signer_key_hint": att.key_hint,
        "signatures": signatures,
    })
    return summary


def _model_signing_files(statement: dict, subjects: list[dict], att: Attestation) -> tuple[dict, list[dict]]:
    """model-signing v1.0: one subject (the model's root digest); the per-file digests are predicate.resources.

    The root digest is SHA-256 over the resources' raw digests in the listed order; a mismatch means the
    manifest was edited, whatever the signature says.
    """
    predicate = statement.get("predicate") if isinstance(statement.get("predicate"), dict) else {}
    resources = predicate.get("resources") if isinstance(predicate.get("resources"), list) else []
    serialization = predicate.get("serialization") if isinstance(predicate.get("serialization"), dict) else {}
    files, root = [], hashlib.sha256()
    for entry in resources:
        if not isinstance(entry, dict) or not isinstance(entry.get("digest"), str):
            att.problems.append("A model-signing resource has no digest.")
            continue
        files.append(_descriptor(entry.get("name"), {str(entry.get("algorithm") or "sha256"): entry["digest"]}))
        try:
            root.update(bytes.fromhex(entry["digest"]))
        except ValueError:
            att.problems.append(f"The digest of “{entry.get('name')}” is not hexadecimal.")
    expected = subjects[0]["digest"].get("sha256") if len(subjects) == 1 else None
    if len(subjects) != 1:
        att.problems.append(f"A model-signing v1.0 statement must have exactly one subject; it has {len(subjects)}.")
    elif expected != root.hexdigest():
        att.problems.append("The model-signing manifest is inconsistent: the per-file digests do not hash to "
                            "the model's root digest (the file list was altered).")
    model = {
        "name": subjects[0]["name"] if subjects else "",
        "root_digest": subjects[0]["digest"] if subjects else {},
        "serialization": serialization.get("method"),
        "hash_type": serialization.get("hash_type"),
        "ignore_paths": [p for p in serialization.get("ignore_paths") or [] if isinstance(p, str)][:50],
    }
    return model, files


def _certificate_identity(material: dict) -> str | None:
    """A readable signer identity from a keyless bundle's leaf certificate (SAN), or None."""
    from cryptography import x509

    cert = material.get("certificate")
    if not isinstance(cert, dict):
        chain = material.get("x509CertificateChain") or {}
        certs = chain.get("certificates") if isinstance(chain, dict) else None
        cert = certs[0] if isinstance(certs, list) and certs and isinstance(certs[0], dict) else {}
    try:
        leaf = x509.load_der_x509_certificate(base64.b64decode(cert.get("rawBytes", ""), validate=True))
        san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = san.get_values_for_type(x509.RFC822Name) + san.get_values_for_type(x509.UniformResourceIdentifier)
        return f"certificate: {', '.join(names)}" if names else f"certificate: {leaf.subject.rfc4514_string()}"
    except Exception:  # noqa: BLE001 - an unreadable certificate only costs us the hint
        return "certificate"


def verify_attestation(att: Attestation, key) -> tuple[bool | None, str]:
    """(True, detail) verified, (False, detail) failed, (None, detail) nothing to verify against.

    Integrity faults found in the content fail the attestation even when no key is given.
    """
    problems = " ".join(att.problems)
    if key is None:
        return (False, problems) if problems else (None, NO_KEY)
    ok, detail = _check_signature(att, key)
    if problems:
        return False, f"{problems} {detail}" if not ok else f"{problems} (The signature itself verified.)"
    return ok, detail


def _check_signature(att: Attestation, key) -> tuple[bool, str]:
    pem, algorithm = key.public_key_pem, key.algorithm
    legacy = str(att.summary.get("predicate_type", "")).startswith("https://model_signing/")
    ok, detail = signatures.verify_dsse(envelope=att.envelope, public_key_pem=pem, algorithm=algorithm,
                                        allow_legacy_pae=legacy)
    if ok or att.format != "sigstore-bundle":
        return ok, detail
    if att.keyless:
        detail += (" The bundle was signed keyless (Fulcio certificate); such bundles are not checked offline "
                   "against the transparency log — register the signer's public key instead.")
    elif att.key_hint and not _hint_matches(att.key_hint, pem, algorithm):
        detail += f" The bundle names another signing key (hint {att.key_hint[:16]}…)."
    return ok, detail


def _hint_matches(hint: str, pem: str, algorithm: str) -> bool:
    """model-signing hints with SHA-256 of the PEM text; other tools use the DER key's digest."""
    try:
        key = signatures.load_public_key(pem, algorithm)
    except ValueError:
        return False
    return hint.lower() in (signatures.pem_hint(key), signatures.key_fingerprint(pem))
