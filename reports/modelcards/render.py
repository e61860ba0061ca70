"""The card as HTML (a browser page, and a standalone page for print) and the worker's PDF job."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.template.loader import render_to_string

from attest.core.jobs import set_progress
from inventory.models import Asset

from ..pdf import render_pdf
from .completeness import SECTIONS
from .data import performance_metrics
from .services import store_rendered_pdf


def template_context(card: dict, *, content_sha256: str) -> dict:
    gaps = card["completeness"]["by_section"]
    return {
        "card": card,
        "content_sha256": content_sha256,
        "metrics": performance_metrics(card),
        "sections": [{"key": key, "title": title, "gaps": gaps[key]} for key, title in SECTIONS],
        "score_class": score_class(card["completeness"]["score"]),
    }


def score_class(score: int) -> str:
    return "b-ok" if score >= 80 else "b-planned" if score >= 50 else "b-failed"


def browser_page(request, *, card: dict, content_sha256: str):
    context = {**template_context(card, content_sha256=content_sha256), "title": f"Model card: {card['model']['name']}"}
    return render(request, "reports/model_card.html", context)


def print_html(card: dict, *, content_sha256: str, rendered_at) -> str:
    context = {**template_context(card, content_sha256=content_sha256), "rendered_at": rendered_at}
    return render_to_string("reports/model_card_print.html", context)


def render_model_card_pdf(job) -> dict:
    """Job handler: render the card held in the payload, as the user who asked for it."""
    set_progress(job.pk, progress=5, step="Checking access")
    actor, asset_id = job.created_by, job.payload["asset"]
    if actor is None or not actor.is_active or not Asset.objects.restrict(actor, "view").filter(pk=asset_id).exists():
        raise PermissionDenied("The user who asked for this model card can no longer see the model.")
    html = print_html(job.payload["card"], content_sha256=job.payload["content_sha256"], rendered_at=job.created_at)
    set_progress(job.pk, progress=20, step="Rendering the PDF")
    # Dates pinned to the request: a redelivered job renders the same bytes.
    pdf, pages = render_pdf(html, created=job.created_at)
    set_progress(job.pk, progress=90, step="Saving the PDF")
    return store_rendered_pdf(job=job, pdf=pdf, pages=pages)
