"""Writes for model-card PDFs: ask for a render (or retry a failed one) and store a finished one.

A render is a row keyed by (asset, content hash) with a core Job that a worker runs; the card
itself travels in the job's payload, so the PDF shows exactly the content that was hashed.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404

from attest.accounts.models import User
from attest.auditlog.services import record_event
from attest.core.jobs import enqueue_job, finish
from attest.core.models import Job, JobStatus
from inventory.choices import AssetKind
from inventory.models import Asset

from ..models import ModelCardRender
from .selectors import has_file

JOB_KIND = "model_card_pdf"


@dataclass
class RenderRequest:
    render: ModelCardRender
    retried_after: str = ""  # the error of the failed attempt this request queued again


def pdf_path(render: ModelCardRender) -> str:
    # One fixed name per content: a re-render overwrites it instead of leaving a second file.
    return f"model-cards/{render.asset_id}/{render.content_sha256}.pdf"


@transaction.atomic
def request_model_card_pdf(*, actor: User, asset: Asset, card: dict, content_sha256: str) -> RenderRequest:
    """Queue a render of ``card`` unless one is under way; a failed (or lost) render is queued again."""
    asset = Asset.objects.restrict(actor, "view").filter(pk=asset.pk, kind=AssetKind.MODEL).first()
    if asset is None:
        raise Http404
    render = (ModelCardRender.objects.restrict(actor, "view").select_for_update()
              .filter(asset=asset, content_sha256=content_sha256).first())
    if render is None:
        return RenderRequest(_create_render(actor=actor, asset=asset, card=card, content_sha256=content_sha256))
    job = Job.objects.select_for_update().get(pk=render.job_id)
    lost = job.status == JobStatus.DONE and not has_file(render)
    if job.status != JobStatus.FAILED and not lost:
        render.job = job
        return RenderRequest(render)
    error = job.error if job.status == JobStatus.FAILED else "the rendered file is missing"
    # The one asking now is the acting user the worker checks access for.
    job.created_by, job.error, job.progress, job.step, job.result = actor, "", 0, "Queued again", {}
    job.started_at = job.finished_at = None
    job.save(update_fields=["created_by", "error", "progress", "step", "result", "started_at", "finished_at"])
    ModelCardRender.objects.filter(pk=render.pk).update(pdf="")
    record_event(actor=actor, action="model_card.pdf_retried", obj=render, asset_id=asset.pk,
                 before={"error": error[:500]}, after={"content_sha256": content_sha256, "job": job.pk})
    render.job = enqueue_job(job=job)
    return RenderRequest(render, retried_after=error)


def _create_render(*, actor: User, asset: Asset, card: dict, content_sha256: str) -> ModelCardRender:
    try:
        with transaction.atomic():  # a savepoint: a concurrent request may have created it first
            job = Job.objects.create(kind=JOB_KIND, created_by=actor,
                                     payload={"asset": asset.pk, "content_sha256": content_sha256, "card": card})
            render = ModelCardRender.objects.create(asset=asset, content_sha256=content_sha256, job=job)
    except IntegrityError:
        return ModelCardRender.objects.select_related("job").get(asset=asset, content_sha256=content_sha256)
    record_event(actor=actor, action="model_card.pdf_requested", obj=render, asset_id=asset.pk,
                 after={"content_sha256": content_sha256, "job": job.pk})
    render.job = enqueue_job(job=job)
    return render


@transaction.atomic
def store_rendered_pdf(*, job: Job, pdf: bytes, pages: int) -> dict:
    """Save the worker's PDF and finish the job together; a redelivered job overwrites, never adds."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.RUNNING:
        return job.result  # finished by an earlier delivery
    render = ModelCardRender.objects.select_related("asset").get(job=job)
    path = pdf_path(render)
    if default_storage.exists(path):
        default_storage.delete(path)
    stored = default_storage.save(path, ContentFile(pdf))
    try:
        ModelCardRender.objects.filter(pk=render.pk).update(pdf=stored)
        result = {"pdf": stored, "pages": pages, "size": len(pdf), "content_sha256": render.content_sha256}
        record_event(actor=job.created_by, action="model_card.pdf_rendered", obj=render, asset_id=render.asset_id,
                     after=result)
        finish(job, result=result)
    except BaseException:
        default_storage.delete(stored)  # the rollback drops the row's reference: drop the file too
        raise
    return result
