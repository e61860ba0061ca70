"""GET /api/v1/assets/{id}/model-card/?format=html|pdf|md|cyclonedx"""

import re

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from inventory.choices import AssetKind
from inventory.models import Asset

from ..choices import CARD_FORMATS, JOB_TO_PACK_STATUS
from .cyclonedx import card_cyclonedx_json
from .data import content_sha256, model_card
from .markdown import card_markdown
from .render import browser_page
from .selectors import ready_render
from .services import request_model_card_pdf

RETRY_AFTER_SECONDS = 3


class CardFormatNegotiation(BaseContentNegotiation):
    """Here ``?format=`` names the card's format, not a DRF renderer: errors and status are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _download_name(card: dict, extension: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", card["model"]["name"]).strip("-.") or "model"
    return f"{stem}-model-card.{extension}"


def _text_response(body: str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class ModelCardView(APIView):
    """The model card of a model asset.

    ``html`` is a page for the browser; ``md`` is Markdown with Hugging Face YAML metadata;
    ``cyclonedx`` is a CycloneDX 1.6 JSON BOM whose model component carries ``modelCard``.
    ``pdf`` is rendered by a worker: while it is not ready the answer is 202 with the render's
    status and a Retry-After header; ask again until it is 200. A failed render is queued
    again by asking again. An asset that is not a model answers 404 (it has no model card).
    """

    renderer_classes = [JSONRenderer]
    content_negotiation_class = CardFormatNegotiation

    @extend_schema(
        parameters=[OpenApiParameter("format", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=list(CARD_FORMATS),
                                     default="html", description="html, pdf, md or cyclonedx")],
        responses={
            (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="format=html"),
            (200, "text/markdown"): OpenApiResponse(OpenApiTypes.STR, description="format=md"),
            (200, "application/vnd.cyclonedx+json"): OpenApiResponse(OpenApiTypes.OBJECT,
                                                                     description="format=cyclonedx"),
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="format=pdf, once rendered"),
            (202, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="format=pdf while queued, building or after a failure"),
        },
    )
    def get(self, request, pk):
        card_format = request.query_params.get("format", "html")
        if card_format not in CARD_FORMATS:
            raise exceptions.ValidationError(
                {"format": f"Unknown format '{card_format}'. Use one of: {', '.join(CARD_FORMATS)}."})
        asset = Asset.objects.restrict(request.user, "view").select_related("team", "owner").filter(pk=pk).first()
        if asset is None:
            raise Http404
        if asset.kind != AssetKind.MODEL:
            raise exceptions.NotFound(f"Asset {asset.pk} is a {asset.get_kind_display().lower()}, not a model: "
                                      "model cards exist only for assets of kind 'model'.")
        card = model_card(user=request.user, asset=asset)
        sha256 = content_sha256(card)
        if card_format == "html":
            return browser_page(request, card=card, content_sha256=sha256)
        if card_format == "md":
            return _text_response(card_markdown(card), content_type="text/markdown; charset=utf-8",
                               filename=_download_name(card, "md"))
        if card_format == "cyclonedx":
            return _text_response(card_cyclonedx_json(card), content_type="application/vnd.cyclonedx+json; version=1.6",
                               filename=_download_name(card, "cdx.json"))
        return self._pdf(request, asset, card, sha256)

    def _pdf(self, request, asset, card, sha256):
        ready = ready_render(user=request.user, asset=asset, content_sha256=sha256)
        if ready is not None:
            return FileResponse(ready.pdf.open("rb"), content_type="application/pdf",
                                filename=_download_name(card, "pdf"), as_attachment=False)
        queued = request_model_card_pdf(actor=request.user, asset=asset, card=card, content_sha256=sha256)
        job = queued.render.job
        if queued.retried_after:
            body = {"status": "failed", "progress": 0,
                    "detail": f"Rendering failed ({queued.retried_after}); it has been queued again, "
                              "ask again shortly."}
        else:
            state = JOB_TO_PACK_STATUS[job.status]
            # "ready" here means it finished a moment ago, after the check above: the next request gets it.
            body = {"status": "building" if state == "ready" else state, "progress": job.progress,
                    "detail": job.step or "Waiting for a worker to render the PDF."}
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
