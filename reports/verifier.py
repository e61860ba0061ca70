#!/usr/bin/env python3
"""Verify an Attest audit pack offline. Needs only Python 3.9+ and the `cryptography` package.

    python verify.py                     # the pack this file was extracted with
    python verify.py PACK.zip            # a pack archive, or the folder it was extracted into
    python verify.py PACK.zip --key attest-signing-key.pem

Checks that manifest.sig is an Ed25519 signature over manifest.json by the key (by default the
signing-key.pem inside the pack: compare its fingerprint with the one your Attest server
publishes at /api/v1/signing-key/), and that every file listed in the manifest is present
with the recorded size and SHA-256 and that no other file was added. Exits 0 when the pack is
intact, 1 when it is not (naming each file that fails), 2 when it cannot be read.

This file is shipped inside every pack and is also what `manage.py verify_pack` runs.
"""

import argparse
import base64
import hashlib
import json
import os
import sys
import zipfile

SIGNED_FILES = ("manifest.json", "manifest.sig")
KEY_FILE = "signing-key.pem"


class PackError(Exception):
    """The pack cannot be read at all."""


class _Zip:
    def __init__(self, path):
        try:
            self.archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise PackError(f"{path} is not a readable ZIP archive: {exc}") from exc

    def names(self):
        return [i.filename for i in self.archive.infolist() if not i.is_dir()]

    def open(self, name):
        return self.archive.open(name)


class _Folder:
    def __init__(self, path):
        self.root = os.path.abspath(path)

    def names(self):
        found = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            for name in files:
                found.append(os.path.relpath(os.path.join(folder, name), self.root).replace(os.sep, "/"))
        return found

    def open(self, name):
        return open(os.path.join(self.root, *name.split("/")), "rb")


def _digest(source, name):
    sha, size = hashlib.sha256(), 0
    with source.open(name) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
            size += len(chunk)
    return sha.hexdigest(), size


def _read(source, name):
    with source.open(name) as handle:
        return handle.read()


def public_key_fingerprint(key) -> str:
    from cryptography.hazmat.primitives import serialization

    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def load_public_key(pem: bytes):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise PackError(f"the public key is not a PEM public key: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise PackError("the public key is not an Ed25519 key")
    return key


def verify(path, key_pem=None):
    """Return (problems, manifest, key fingerprint). No problems means the pack is intact."""
    from cryptography.exceptions import InvalidSignature

    source = _Folder(path) if os.path.isdir(path) else _Zip(path)
    names = source.names()
    for required in SIGNED_FILES:
        if required not in names:
            raise PackError(f"{required} is missing: this is not an Attest audit pack, or it was damaged")
    manifest_bytes = _read(source, "manifest.json")
    try:
        manifest = json.loads(manifest_bytes)
        listed = {entry["path"]: entry for entry in manifest["files"]}
    except (ValueError, KeyError, TypeError) as exc:
        return [f"manifest.json: not a valid manifest ({exc})"], None, ""
    if key_pem is None:
        if KEY_FILE not in names:
            raise PackError(f"no --key given and {KEY_FILE} is not in the pack")
        key_pem = _read(source, KEY_FILE)
    key = load_public_key(key_pem)
    problems = []
    try:
        key.verify(base64.b64decode(_read(source, "manifest.sig"), validate=True), manifest_bytes)
    except (InvalidSignature, ValueError):
        problems.append("manifest.sig: the signature does not match manifest.json for this key")
    for name, entry in sorted(listed.items()):
        if name not in names:
            problems.append(f"{name}: missing from the pack")
            continue
        sha256, size = _digest(source, name)
        if sha256 != entry.get("sha256") or size != entry.get("size"):
            problems.append(f"{name}: changed (SHA-256 {sha256}, {size} bytes; "
                            f"the manifest records {entry.get('sha256')}, {entry.get('size')} bytes)")
    for name in sorted(set(names) - set(listed) - set(SIGNED_FILES)):
        problems.append(f"{name}: added; it is not listed in the manifest")
    return problems, manifest, public_key_fingerprint(key)


def main(argv=None, out=sys.stdout, err=sys.stderr) -> int:
    parser = argparse.ArgumentParser(description="Verify an Attest audit pack offline.")
    parser.add_argument("pack", nargs="?", default=os.path.dirname(os.path.abspath(__file__)),
                        help="the pack ZIP or the folder it was extracted into (default: this file's folder)")
    parser.add_argument("--key", help="PEM file with the Attest server's public signing key")
    args = parser.parse_args(argv)
    try:
        key_pem = None
        if args.key:
            with open(args.key, "rb") as handle:
                key_pem = handle.read()
        problems, manifest, key_fingerprint = verify(args.pack, key_pem)
    except (PackError, OSError) as exc:
        print(f"cannot verify {args.pack}: {exc}", file=err)
        return 2
    if problems:
        print(f"FAILED: {args.pack} is not intact", file=err)
        for problem in problems:
            print(f"  {problem}", file=err)
        return 1
    print(f"OK: {len(manifest['files'])} files match manifest.json, and its signature is valid.", file=out)
    print(f"Signing key fingerprint (SHA-256): {key_fingerprint}", file=out)
    if not args.key:
        print("Checked against the key inside the pack: compare that fingerprint with the one your "
              "Attest server publishes at /api/v1/signing-key/.", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
