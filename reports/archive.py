"""The pack's ZIP: the PDF, the evidence files, a signed manifest and the offline verifier."""

import hashlib
import json
import os
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from attest import signing

from .snapshot import EvidenceRow

PDF_NAME = "audit-pack.pdf"
MANIFEST_FORMAT = "attest-audit-pack/1"
VERIFIER = Path(__file__).with_name("verifier.py")
README = """Attest audit pack

audit-pack.pdf    the report
evidence/         every evidence file the report lists, by asset
manifest.json     scope, build time, audit-log head, and the SHA-256 and size of every file
manifest.sig      Ed25519 signature (base64) over manifest.json
signing-key.pem   the public key that made the signature
verify.py         checks all of the above offline: python verify.py  (needs the cryptography package)

Compare the key's fingerprint that verify.py prints with the one your Attest server
publishes at /api/v1/signing-key/, or pass that key with --key.
"""


class EvidenceMismatch(Exception):
    """A stored evidence file no longer matches the hash recorded when it was ingested."""


def _entry(name: str, as_of: date) -> zipfile.ZipInfo:
    # A fixed timestamp per pack, so the archive does not vary with the build time.
    info = zipfile.ZipInfo(name, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _copy(archive: zipfile.ZipFile, name: str, chunks: Iterable[bytes], as_of: date) -> dict:
    sha, size = hashlib.sha256(), 0
    with archive.open(_entry(name, as_of), "w") as out:
        for chunk in chunks:
            sha.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"path": name, "sha256": sha.hexdigest(), "size": size}


def _evidence_chunks(row: EvidenceRow):
    try:
        handle = row.item.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise EvidenceMismatch(f"The file of evidence #{row.item.pk} ({row.item.title}) is missing from storage.") from exc
    with handle:
        yield from iter(lambda: handle.read(1 << 20), b"")


def write_pack_zip(*, path: Path, pdf: bytes, evidence: list[EvidenceRow], manifest_fields: dict, as_of: date,
                   on_file=None) -> dict:
    """Write the archive to ``path`` (through a temporary file, renamed at the end) and return
    the manifest. Fails, leaving nothing behind, when an evidence file no longer matches its hash."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    files = []
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as archive:
            files.append(_copy(archive, PDF_NAME, [pdf], as_of))
            for n, row in enumerate(evidence):
                entry = _copy(archive, row.zip_path, _evidence_chunks(row), as_of)
                if entry["sha256"] != row.item.sha256:
                    raise EvidenceMismatch(
                        f"The stored file of evidence #{row.item.pk} ({row.item.title}) no longer matches the SHA-256 "
                        f"recorded when it was collected; it was changed or damaged in storage.")
                files.append(entry)
                if on_file:
                    on_file(n + 1, len(evidence))
            files.append(_copy(archive, "verify.py", [VERIFIER.read_bytes()], as_of))
            files.append(_copy(archive, "signing-key.pem", [signing.public_key_pem().encode()], as_of))
            files.append(_copy(archive, "README.txt", [README.encode()], as_of))
            manifest = {**manifest_fields, "format": MANIFEST_FORMAT,
                        "signing_key": {"algorithm": "Ed25519", "fingerprint": signing.fingerprint()},
                        "files": sorted(files, key=lambda f: f["path"])}
            manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _copy(archive, "manifest.json", [manifest_bytes], as_of)
            _copy(archive, "manifest.sig", [signing.sign(manifest_bytes).encode()], as_of)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return manifest


def sha256_file(path: Path) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size
