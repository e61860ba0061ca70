"""Reads of rendered model-card PDFs, through the renders' restricted queryset."""

from django.core.files.storage import default_storage

from attest.core.models import JobStatus
from inventory.models import Asset

from ..models import ModelCardRender


def has_file(render: ModelCardRender) -> bool:
    return bool(render.pdf) and default_storage.exists(render.pdf.name)


def render_for(*, user, asset: Asset, content_sha256: str) -> ModelCardRender | None:
    """The render of this content (whatever its job's state), if one was asked for."""
    return (ModelCardRender.objects.restrict(user, "view").select_related("job")
            .filter(asset=asset, content_sha256=content_sha256).first())


def ready_render(*, user, asset: Asset, content_sha256: str) -> ModelCardRender | None:
    """The finished PDF of this content, if one was rendered and its file is still there."""
    render = render_for(user=user, asset=asset, content_sha256=content_sha256)
    return render if render and render.job.status == JobStatus.DONE and has_file(render) else None
