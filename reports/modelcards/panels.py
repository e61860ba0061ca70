from django.urls import reverse

from attest.core.models import JobStatus
from attest.ui.panels import Panel
from inventory.choices import AssetKind

from .data import content_sha256, model_card
from .render import template_context
from .selectors import render_for


def _pdf_status(user, asset, sha256: str) -> str:
    render = render_for(user=user, asset=asset, content_sha256=sha256)
    if render is None:
        return "not rendered for the current content yet; the first download queues it on a worker."
    if render.job.status == JobStatus.DONE:
        return f"ready ({render.job.result.get('pages', '?')} page(s))."
    if render.job.status == JobStatus.FAILED:
        return f"the last attempt failed ({render.job.error[:200]}); downloading queues it again."
    return "being rendered on a worker."


def asset_context(request, asset) -> dict:
    """The model-card panel of a model's page; nothing for other kinds of asset."""
    if asset.kind != AssetKind.MODEL:
        return {"card": None}
    card = model_card(user=request.user, asset=asset)
    sha256 = content_sha256(card)
    return {**template_context(card, content_sha256=sha256), "url": reverse("api:asset-model-card", args=[asset.pk]),
            "pdf_status": _pdf_status(request.user, asset, sha256)}


asset_panel = Panel(order=40, name="model-card", template="reports/_model_card_panel.html", context=asset_context)
