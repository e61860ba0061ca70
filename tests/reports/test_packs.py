"""Audit packs: what the PDF says, what the ZIP holds, and that tampering is caught."""

import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.utils import timezone
from pypdf import PdfReader

from attest import signing
from attest.auditlog.models import AuditEvent
from reports import verifier

from .conftest import request_and_build

pytestmark = pytest.mark.django_db


def pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def rewrite_zip(src: Path, dst: Path, *, change=None, drop=None, add=None):
    """Copy a pack, flipping one byte of ``change``, leaving out ``drop`` or adding ``add``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == drop:
                continue
            if info.filename == change:
                data = bytes([data[0] ^ 0x01]) + data[1:]
            zout.writestr(info, data)
        if add:
            zout.writestr(add, b"not part of the pack\n")


def test_pack_pdf_and_zip_for_a_past_date(pworld, tmp_path):
    yesterday = timezone.localdate() - timedelta(days=1)
    pack = request_and_build(actor=pworld.governance, asset_ids=[pworld.asset_a.pk, pworld.model_a.pk],
                             framework_slugs=["gdpr", "nist-ai-rmf"], as_of=yesterday, title="Q4 review")
    assert pack.status == "ready" and pack.page_count > 5
    text = pdf_text(pack.pdf.path)
    assert "Q4 review" in text and "Page 1 of" in text
    for name in ("Alpha screening", "alpha-model"):
        assert name in text
    # Evidence collected by the as-of date is in, with its hash; evidence collected later is not.
    assert pworld.old_evidence.sha256 in squeezed(text)
    assert pworld.new_evidence.sha256 not in squeezed(text)
    with zipfile.ZipFile(pack.zip.path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {"audit-pack.pdf", "manifest.json", "manifest.sig", "verify.py", "signing-key.pem"} <= names
    assert [n for n in names if n.startswith("evidence/")] == [f"evidence/asset-{pworld.model_a.pk}/"
                                                               f"{pworld.old_evidence.pk}-junit.xml"]
    assert manifest["scope"]["as_of"] == yesterday.isoformat()
    assert manifest["scope"]["frameworks"] == ["gdpr", "nist-ai-rmf"]
    assert manifest["pack_hash"] == pack.input_digest and pack.input_digest in squeezed(text)
    head = AuditEvent.objects.filter(created_at__lt=timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
                                     ).order_by("-seq").first()
    assert manifest["audit_log_head"]["hash"] == (head.hash if head else "0" * 64)
    pdf_entry = next(f for f in manifest["files"] if f["path"] == "audit-pack.pdf")
    assert pdf_entry["sha256"] == hashlib.sha256(Path(pack.pdf.path).read_bytes()).hexdigest()
    call_command("verify_pack", pack.zip.path)


def test_rebuilding_a_past_date_gives_the_same_manifest(pworld):
    scope = dict(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"],
                 as_of=timezone.localdate() - timedelta(days=1), title="Rebuild")
    first, second = request_and_build(**scope), request_and_build(**scope)
    strip = lambda m: {k: v for k, v in m.items() if k != "built_at"}  # noqa: E731
    assert strip(first.manifest) == strip(second.manifest)
    assert first.pdf_sha256 == second.pdf_sha256


def test_accepted_risk_shows_only_while_in_force(pworld):
    from risk import services as risk_services
    from risk.models import Risk

    entry = risk_services.add_custom_threat(actor=None, asset=pworld.model_a, title="Training labels leak",
                                            reason="labels are exported nightly", likelihood=3, impact=4)
    risk = Risk.objects.get(asset_threat=entry)
    risk_services.accept_risk(actor=pworld.governance, risk=risk, justification="Compensating manual review in place",
                              expires_on=timezone.localdate() + timedelta(days=30))
    today = request_and_build(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"])
    before = request_and_build(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"],
                               as_of=timezone.localdate() - timedelta(days=1))
    assert "Compensatingmanualreviewinplace" in squeezed(pdf_text(today.pdf.path))
    assert "Compensatingmanualreviewinplace" not in squeezed(pdf_text(before.pdf.path))


@pytest.fixture
def built(pworld, tmp_path):
    pack = request_and_build(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"])
    return pack, Path(pack.zip.path)


@pytest.mark.parametrize("tamper, named", [
    (dict(change="evidence"), "changed"),
    (dict(change="audit-pack.pdf"), "audit-pack.pdf: changed"),
    (dict(drop="evidence"), "missing from the pack"),
    (dict(add="evidence/extra.txt"), "evidence/extra.txt: added"),
    (dict(change="manifest.json"), "manifest"),
])
def test_verify_pack_names_what_was_tampered_with(built, tmp_path, tamper, named):
    pack, path = built
    evidence_name = next(f["path"] for f in pack.manifest["files"] if f["path"].startswith("evidence/"))
    tamper = {k: (evidence_name if v == "evidence" else v) for k, v in tamper.items()}
    bad = tmp_path / "tampered.zip"
    rewrite_zip(path, bad, **tamper)
    problems, _, _ = verifier.verify(str(bad), signing.public_key_pem().encode())
    assert problems and any(named in p for p in problems), problems
    if "change" in tamper and tamper["change"] != "manifest.json":
        assert any(p.startswith(tamper["change"]) for p in problems)
    with pytest.raises(CommandError, match="not intact"):
        call_command("verify_pack", str(bad))


def test_verify_pack_refuses_another_key(built, tmp_path):
    _, path = built
    other = tmp_path / "other.pem"
    other.write_bytes(Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    with pytest.raises(CommandError):
        call_command("verify_pack", str(path), key=str(other))
    problems, _, _ = verifier.verify(str(path), other.read_bytes())
    assert problems == ["manifest.sig: the signature does not match manifest.json for this key"]


def test_standalone_verifier_in_the_extracted_pack(built, tmp_path):
    """verify.py runs on its own (Python and cryptography only) in the folder the ZIP was extracted to."""
    _, path = built
    folder = tmp_path / "pack"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(folder)
    run = lambda *args: subprocess.run([sys.executable, "-I", "verify.py", *args], cwd=folder,  # noqa: E731
                                       capture_output=True, text=True, timeout=60)
    ok = run()
    assert ok.returncode == 0, ok.stderr
    assert signing.fingerprint() in ok.stdout
    evidence = next((folder / "evidence").rglob("*.*"))
    data = evidence.read_bytes()
    evidence.write_bytes(bytes([data[0] ^ 0x20]) + data[1:])
    bad = run()
    assert bad.returncode == 1
    assert evidence.relative_to(folder).as_posix() in bad.stderr
    zipped = run(str(path))
    assert zipped.returncode == 0, zipped.stderr


def test_signing_key_endpoint_matches_the_packs(built, api, pworld):
    pack, _ = built
    body = api(pworld.viewer_a).get("/api/v1/signing-key/").json()
    key = serialization.load_pem_public_key(body["public_key_pem"].encode())
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert hashlib.sha256(raw).hexdigest() == body["fingerprint"] == pack.manifest["signing_key"]["fingerprint"]
    assert api(None).get("/api/v1/signing-key/").status_code == 401


def test_missing_evidence_file_fails_the_build_clearly_and_retry_recovers(pworld, api):
    from attest.core.tasks import run_job
    from reports import services

    stored = Path(pworld.old_evidence.file.path)
    kept = stored.read_bytes()
    stored.unlink()
    pack = services.request_pack(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"])
    run_job.apply(args=[pack.job_id])
    body = api(pworld.governance).get(f"/api/v1/audit-packs/{pack.pk}/").json()
    assert body["status"] == "failed"
    assert f"evidence #{pworld.old_evidence.pk}" in body["error"] and "missing" in body["error"]
    assert api(pworld.governance).get(f"/api/v1/audit-packs/{pack.pk}/zip/").status_code == 409
    assert not list(Path(pack_folder_of(pack)).glob("*.zip"))  # no half-written archive left behind
    stored.write_bytes(kept)
    response = api(pworld.governance).post(f"/api/v1/audit-packs/{pack.pk}/retry/")
    assert response.status_code == 202
    run_job.apply(args=[pack.job_id])
    assert api(pworld.governance).get(f"/api/v1/audit-packs/{pack.pk}/").json()["status"] == "ready"
    assert api(pworld.governance).post(f"/api/v1/audit-packs/{pack.pk}/retry/").status_code == 400


def pack_folder_of(pack):
    from reports.build import pack_folder

    return pack_folder(pack)


def test_changed_evidence_file_fails_the_build(pworld):
    from attest.core.tasks import run_job
    from reports import services

    stored = Path(pworld.old_evidence.file.path)
    kept = stored.read_bytes()
    stored.write_bytes(b"<testsuites/>")
    try:
        pack = services.request_pack(actor=pworld.governance, asset_ids=[pworld.model_a.pk], framework_slugs=["gdpr"])
        run_job.apply(args=[pack.job_id])
        pack.refresh_from_db()
        assert pack.status == "failed" and "no longer matches the SHA-256" in pack.job.error
    finally:
        stored.write_bytes(kept)  # files are stored by content hash and shared with later tests
