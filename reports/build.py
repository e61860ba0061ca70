"""The worker side of an audit pack: read the scope as of its date, render, pack, sign.

Idempotent: a redelivered job (worker killed mid-build) starts again and overwrites the same
two files; the pack row only changes in the final transaction.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from attest import signing
from attest.auditlog.services import record_event
from attest.core import jobs

from .archive import PDF_NAME, sha256_file, write_pack_zip
from .models import AuditPack
from .pdf import render_pdf
from .render import pack_html
from .snapshot import take

HASH_PLACEHOLDER = "@@PACK-HASH@@"


def pack_folder(pack: AuditPack) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "packs" / str(pack.pk)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def inputs_digest(html: str, snapshot) -> str:
    """SHA-256 over everything the pack says: its rendered content (without this hash), every
    evidence file's hash and the audit-log head. The same inputs give the same digest."""
    sha = hashlib.sha256(html.encode())
    for row in snapshot.evidence:
        sha.update(f"\n{row.zip_path} {row.item.sha256}".encode())
    sha.update(f"\n{snapshot.audit_head['seq']} {snapshot.audit_head['hash']}".encode())
    return sha.hexdigest()


def prepare(pack: AuditPack, step) -> tuple:
    """Read the scope and lay out the report: (snapshot, final HTML, pack hash)."""
    step(2, "Reading the inventory")
    asset_ids = list(pack.assets.values_list("pk", flat=True))
    snapshot = take(
        user=pack.created_by, title=pack.title, organisation=pack.organisation, asset_ids=asset_ids,
        framework_slugs=list(pack.frameworks.values_list("slug", flat=True)), team=pack.team,
        as_of=pack.as_of, since=pack.since, progress=lambda f, text: step(2 + int(30 * f), text))
    step(33, "Laying out the report")
    html = pack_html(snapshot, pack_hash=HASH_PLACEHOLDER, key_fingerprint=signing.fingerprint(),
                     requested_assets=len(asset_ids))
    digest = inputs_digest(html, snapshot)
    return snapshot, html.replace(HASH_PLACEHOLDER, digest), digest


def build_pack(job) -> dict:
    pack = AuditPack.objects.select_related("team", "created_by").get(job_id=job.pk)

    def step(progress: int, text: str) -> None:
        jobs.set_progress(job.pk, progress=progress, step=text)

    snapshot, html, digest = prepare(pack, step)
    step(40, f"Rendering the PDF ({len(snapshot.sections)} assets, {len(snapshot.evidence)} evidence files)")
    pdf, pages = render_pdf(html, created=snapshot.cutoff - timedelta(seconds=1))

    step(80, "Packing the evidence files")
    folder = pack_folder(pack)
    pdf_path, zip_path = folder / f"attest-pack-{pack.pk}.pdf", folder / f"attest-pack-{pack.pk}.zip"
    try:
        return _store(job, pack, snapshot, pdf, pages, digest, pdf_path, zip_path, step)
    except BaseException:
        # A failed build leaves no file behind: the pack has none until a build succeeds.
        pdf_path.unlink(missing_ok=True)
        zip_path.unlink(missing_ok=True)
        raise


def _store(job, pack, snapshot, pdf, pages, digest, pdf_path, zip_path, step) -> dict:
    tmp = pdf_path.with_name(f".{pdf_path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(pdf)
    os.replace(tmp, pdf_path)
    built_at = timezone.now()
    manifest = write_pack_zip(
        path=zip_path, pdf=pdf, evidence=snapshot.evidence, as_of=pack.as_of,
        on_file=lambda n, total: step(80 + int(15 * n / max(total, 1)), f"Packing evidence file {n} of {total}"),
        manifest_fields={
            "title": pack.title, "organisation": pack.organisation, "pack_hash": digest,
            "built_at": built_at.isoformat(), "audit_log_head": snapshot.audit_head,
            "scope": {"as_of": pack.as_of.isoformat(), "since": pack.since.isoformat(),
                      "frameworks": [f.slug for f in snapshot.frameworks],
                      "team": pack.team.name if pack.team else None,
                      "assets": [{"id": a.pk, "kind": a.kind, "name": a.name} for a in snapshot.assets]},
        })
    zip_sha256, zip_size = sha256_file(zip_path)
    media = Path(settings.MEDIA_ROOT)

    step(97, "Recording the pack")
    with transaction.atomic():
        pack = AuditPack.objects.select_for_update().get(pk=pack.pk)
        pack.pdf.name = str(pdf_path.relative_to(media))
        pack.zip.name = str(zip_path.relative_to(media))
        pack.pdf_sha256 = next(f["sha256"] for f in manifest["files"] if f["path"] == PDF_NAME)
        pack.zip_sha256, pack.zip_size, pack.page_count = zip_sha256, zip_size, pages
        pack.input_digest, pack.manifest, pack.built_at = digest, manifest, built_at
        pack.save()
        record_event(actor=pack.created_by, action="audit_pack.built", obj=pack,
                     after={"pages": pages, "pack_hash": digest, "zip_sha256": zip_sha256,
                            "assets": len(snapshot.assets), "evidence_files": len(snapshot.evidence)})
        result = {"pages": pages, "pack_hash": digest, "zip_sha256": zip_sha256}
        jobs.finish(job, result=result)
    return result
