"""Public-key checks for evidence: detached signatures and DSSE envelopes.

Three algorithms are supported for registered trusted keys:

* ``ed25519``    — raw Ed25519 signature (64 bytes) over the message;
* ``ecdsa-p256`` — ECDSA on NIST P-256 with SHA-256, DER-encoded signature
                   (a raw 64-byte r||s signature is accepted as well);
* ``rsa-pss``    — RSASSA-PSS with SHA-256 and MGF1-SHA-256, salt length either the
                   maximum or the digest length (both are common defaults), key ≥ 2048 bits.

Every function returns or raises messages written for a person reading the UI.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

ALGORITHMS = ("ed25519", "ecdsa-p256", "rsa-pss")


def _describe(key) -> str:
    """What kind of key this is, in words."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        return "Ed25519"
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC ({key.curve.name})"
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA ({key.key_size} bits)"
    return type(key).__name__.replace("PublicKey", "") or "unknown"


def load_public_key(pem: str, algorithm: str):
    """Load a PEM public key and check it matches ``algorithm``; ValueError with a readable message otherwise."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"Unknown key algorithm {algorithm!r}; use one of: {', '.join(ALGORITHMS)}.")
    text = (pem or "").strip()
    if not text:
        raise ValueError("The public key is empty.")
    if "PRIVATE KEY-----" in text:
        raise ValueError("This is a private key. Register only the public key (-----BEGIN PUBLIC KEY-----).")
    if "BEGIN CERTIFICATE" in text:
        raise ValueError("This is a certificate, not a public key. Export its public key "
                         "(e.g. `openssl x509 -pubkey -noout`) and register that.")
    try:
        key = serialization.load_pem_public_key(text.encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ValueError("This is not a PEM-encoded public key (expected -----BEGIN PUBLIC KEY-----).") from exc
    if algorithm == "ed25519":
        if not isinstance(key, ed25519.Ed25519PublicKey):
            raise ValueError(f"The key is {_describe(key)} but registered as ed25519.")
    elif algorithm == "ecdsa-p256":
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise ValueError(f"The key is {_describe(key)} but registered as ecdsa-p256.")
        if not isinstance(key.curve, ec.SECP256R1):
            raise ValueError(f"The key is on curve {key.curve.name}; ecdsa-p256 needs P-256 (secp256r1).")
    elif algorithm == "rsa-pss":
        if not isinstance(key, rsa.RSAPublicKey):
            raise ValueError(f"The key is {_describe(key)} but registered as rsa-pss.")
        if key.key_size < 2048:
            raise ValueError(f"The RSA key has {key.key_size} bits; at least 2048 are required.")
    return key


def key_fingerprint(pem: str) -> str:
    """SHA-256 (hex) of the DER SubjectPublicKeyInfo of a PEM public key."""
    try:
        key = serialization.load_pem_public_key((pem or "").strip().encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ValueError("This is not a PEM-encoded public key.") from exc
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def pem_hint(key) -> str:
    """SHA-256 (hex) of the key's canonical PEM text: the `publicKey.hint` model-signing writes into bundles."""
    pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(pem).hexdigest()


def _check(key, algorithm: str, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is valid for ``message`` under ``key``."""
    try:
        if algorithm == "ed25519":
            key.verify(signature, message)
            return True
        if algorithm == "ecdsa-p256":
            try:
                key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
                return True
            except InvalidSignature:
                if len(signature) != 64:
                    raise
                # Some tools emit raw r||s instead of DER.
                r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
                key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
                return True
        for salt in (padding.PSS.MAX_LENGTH, padding.PSS.DIGEST_LENGTH):
            try:
                key.verify(signature, message, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=salt),
                           hashes.SHA256())
                return True
            except InvalidSignature:
                continue
        return False
    except (InvalidSignature, ValueError):
        return False


_NAMES = {"ed25519": "Ed25519", "ecdsa-p256": "ECDSA P-256", "rsa-pss": "RSA-PSS"}


def verify_detached(*, data: bytes, signature: bytes, public_key_pem: str, algorithm: str) -> tuple[bool, str]:
    """Check a detached signature over ``data``; returns (ok, detail)."""
    try:
        key = load_public_key(public_key_pem, algorithm)
    except ValueError as exc:
        return False, str(exc)
    if not signature:
        return False, "The signature is empty."
    name = _NAMES[algorithm]
    fp = key_fingerprint(public_key_pem)[:16]
    if _check(key, algorithm, signature, data):
        return True, f"{name} signature verified over the file's bytes with key {fp}…"
    return False, f"{name} signature does not match the file's bytes (key {fp}…)."


def pae(payload_type: str, payload: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding."""
    t = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def _pae_model_signing_v02(payload_type: str, payload: bytes) -> bytes:
    """The encoding model-signing ≤ 0.2 signed by mistake (bytes repr inside a str); its verifier still accepts it."""
    return f"DSSEV1 {len(payload_type)} {payload_type} {len(payload)} {payload}".encode("utf-8")


def b64decode_lenient(value) -> bytes:
    """Decode standard or URL-safe base64, padded or not (DSSE allows either); ValueError if neither."""
    if not isinstance(value, str) or not value:
        raise ValueError("not a base64 string")
    compact = "".join(value.split())
    padded = compact + "=" * (-len(compact) % 4)
    for alt in (None, b"-_"):
        try:
            return base64.b64decode(padded, altchars=alt, validate=True)
        except (binascii.Error, ValueError):
            continue
    raise ValueError("not valid base64")


def verify_dsse(*, envelope: dict, public_key_pem: str, algorithm: str,
                allow_legacy_pae: bool = False) -> tuple[bool, str]:
    """Check a DSSE envelope's signatures over PAE(payloadType, payload); ok when any signature verifies.

    ``allow_legacy_pae`` also accepts the faulty encoding of model-signing 0.2 bundles.
    """
    try:
        key = load_public_key(public_key_pem, algorithm)
    except ValueError as exc:
        return False, str(exc)
    if not isinstance(envelope, dict):
        return False, "The DSSE envelope is not a JSON object."
    payload_type = envelope.get("payloadType")
    if not isinstance(payload_type, str) or not payload_type:
        return False, "The DSSE envelope has no payloadType."
    try:
        payload = b64decode_lenient(envelope.get("payload"))
    except ValueError:
        return False, "The DSSE payload is not valid base64."
    sigs = envelope.get("signatures")
    if not isinstance(sigs, list) or not sigs:
        return False, "The DSSE envelope carries no signatures."
    name = _NAMES[algorithm]
    fp = key_fingerprint(public_key_pem)[:16]
    undecodable = 0
    for entry in sigs:
        try:
            sig = b64decode_lenient(entry.get("sig") if isinstance(entry, dict) else None)
        except ValueError:
            undecodable += 1
            continue
        if _check(key, algorithm, sig, pae(payload_type, payload)):
            return True, f"DSSE {name} signature verified with key {fp}…"
        if allow_legacy_pae and _check(key, algorithm, sig, _pae_model_signing_v02(payload_type, payload)):
            return True, f"DSSE {name} signature verified with key {fp}… (legacy model-signing 0.2 encoding)"
    if undecodable == len(sigs):
        return False, "No DSSE signature is valid base64."
    count = "signature" if len(sigs) == 1 else f"{len(sigs)} signatures"
    return False, f"DSSE {count} did not verify with the {name} key {fp}… (payload altered or signed by another key)."
