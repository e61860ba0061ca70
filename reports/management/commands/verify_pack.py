from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from attest import signing
from reports import verifier


class Command(BaseCommand):
    help = ("Verifies an audit pack (ZIP or extracted folder) offline: every file's SHA-256 against the signed "
            "manifest, and the manifest's Ed25519 signature. Exits non-zero, naming each bad file, if it is not intact.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the pack ZIP, or the folder it was extracted into")
        parser.add_argument("--key", help="PEM public key to check against (default: this server's signing key)")

    def handle(self, *args, path, key=None, **options):
        key_pem = Path(key).read_bytes() if key else signing.public_key_pem().encode()
        try:
            problems, manifest, fingerprint = verifier.verify(path, key_pem)
        except (verifier.PackError, OSError) as exc:
            raise CommandError(f"cannot verify {path}: {exc}") from exc
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{path} is not intact: {len(problems)} problem(s), listed above.")
        self.stdout.write(self.style.SUCCESS(
            f"OK: {len(manifest['files'])} files match the manifest; signature valid for key {fingerprint}."))
