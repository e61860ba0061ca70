"""The Ed25519 key that signs audit-pack manifests.

``ATTEST_SIGNING_KEY`` holds a PEM private key (or ``@/path/to/key.pem``). Without it the key is
generated once and kept beside the database, so every pack of an embedded install carries the
same public key.
"""

import base64
import hashlib
import os
from functools import lru_cache

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _load_pem(data: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("ATTEST_SIGNING_KEY must be an Ed25519 private key in PEM form.")
    return key


@lru_cache(maxsize=1)
def private_key() -> Ed25519PrivateKey:
    configured = os.environ.get("ATTEST_SIGNING_KEY", "").strip()
    if configured:
        data = open(configured[1:], "rb").read() if configured.startswith("@") else configured.encode()
        return _load_pem(data.replace(b"\\n", b"\n"))
    key_file = settings.DATA_DIR / "pack-signing-key.pem"
    if not key_file.exists():
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        # Written to a temporary name and renamed, so two workers starting at once keep one key.
        tmp = key_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pem)
        tmp.chmod(0o600)
        try:
            os.link(tmp, key_file)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return _load_pem(key_file.read_bytes())


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_pem() -> str:
    return public_key().public_bytes(serialization.Encoding.PEM,
                                     serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def fingerprint() -> str:
    """SHA-256 of the raw 32-byte public key, in hex: short enough to compare by eye."""
    raw = public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign(data: bytes) -> str:
    """Base64 of the Ed25519 signature over ``data``."""
    return base64.b64encode(private_key().sign(data)).decode()
