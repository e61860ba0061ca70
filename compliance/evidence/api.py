import django_filters
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from attest.accounts.models import Team
from attest.core.api.errors import validation_payload
from attest.core.api.fields import RestrictedPrimaryKeyRelatedField
from attest.core.api.schema import ErrorSerializer
from attest.core.api.viewsets import RestrictedModelViewSet, RestrictedViewSetMixin
from attest.core.filters import IdFilter
from inventory.models import Asset

from ..choices import EvidenceKind
from ..models import ControlImplementation
from . import services
from .models import EvidenceItem, EvidenceSource, EvidenceStatus, KeyAlgorithm, TrustedKey


class EvidenceItemSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = ["id", "asset", "control_implementation", "kind", "title", "filename", "sha256", "size", "media_type",
                  "format", "collected_at", "valid_until", "stale_after", "source", "status", "verification_detail",
                  "summary", "trusted_key", "external_id", "created_at", "download_url"]

    def get_download_url(self, item) -> str:
        return f"/api/v1/evidence/{item.pk}/download/"


class EvidencePushSerializer(serializers.Serializer):
    asset = RestrictedPrimaryKeyRelatedField(model=Asset, action="view")
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    title = serializers.CharField(max_length=200)
    file = serializers.FileField(required=False)
    content_base64 = serializers.CharField(required=False, trim_whitespace=True)
    filename = serializers.CharField(required=False, allow_blank=True, max_length=200)
    media_type = serializers.CharField(required=False, allow_blank=True, max_length=100)
    control_implementation = serializers.IntegerField(required=False, allow_null=True)
    collected_at = serializers.DateTimeField(required=False)
    valid_until = serializers.DateTimeField(required=False, allow_null=True)
    signature = serializers.CharField(required=False, help_text="base64 detached signature over the file")
    key_id = serializers.CharField(required=False, help_text="trusted key id or fingerprint")
    external_id = serializers.CharField(required=False, max_length=200)

    def validate(self, attrs):
        if bool(attrs.get("file")) == bool(attrs.get("content_base64")):
            raise serializers.ValidationError({"file": "Send either a multipart 'file' or 'content_base64', not both."})
        return attrs


def _push(request, data: dict, idempotency_key: str | None):
    """Validate one pushed item and ingest it. Returns (item, created)."""
    serializer = EvidencePushSerializer(data=data, context={"request": request})
    serializer.is_valid(raise_exception=True)
    v = serializer.validated_data
    if v.get("file"):
        upload = v["file"]
        if upload.size > services.settings.ATTEST_EVIDENCE_MAX_BYTES:
            raise services.EvidenceTooLarge(f"The file is {upload.size:,} bytes; the limit is "
                                            f"{services.settings.ATTEST_EVIDENCE_MAX_BYTES:,}.")
        content, filename = upload.read(), v.get("filename") or upload.name
        media_type = v.get("media_type") or getattr(upload, "content_type", "") or ""
    else:
        content = services.decode_base64(v["content_base64"], field="content_base64")
        filename, media_type = v.get("filename", ""), v.get("media_type", "")
    signature = services.decode_base64(v["signature"], field="signature") if v.get("signature") else None
    result = services.ingest_evidence(
        actor=request.user, asset=v["asset"], kind=v["kind"], title=v["title"], data=content, filename=filename,
        media_type=media_type, control_implementation=v.get("control_implementation"),
        collected_at=v.get("collected_at"), valid_until=v.get("valid_until"), signature=signature,
        key_id=v.get("key_id"), source="api", idempotency_key=idempotency_key, external_id=v.get("external_id"))
    return result.item, result.created


class EvidenceFilterSet(django_filters.FilterSet):
    asset = IdFilter(field_name="asset_id")
    control_implementation = IdFilter(field_name="control_implementation_id")
    kind = django_filters.ChoiceFilter(choices=EvidenceKind.choices)
    status = django_filters.ChoiceFilter(choices=EvidenceStatus.choices)
    sha256 = django_filters.CharFilter()

    class Meta:
        model = EvidenceItem
        fields = ["asset", "control_implementation", "kind", "status", "sha256"]


class EvidenceViewSet(RestrictedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Evidence items. POST pushes one (multipart ``file`` or JSON ``content_base64``); an
    ``Idempotency-Key`` header (or ``external_id``) makes a retry return the first item (200)."""

    queryset = EvidenceItem.objects.all()
    serializer_class = EvidenceItemSerializer
    filterset_class = EvidenceFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=EvidencePushSerializer, responses={
        201: EvidenceItemSerializer, 200: EvidenceItemSerializer,
        409: OpenApiResponse(ErrorSerializer, "The Idempotency-Key or external_id was used for other content."),
        413: OpenApiResponse(ErrorSerializer, "The file is over the size cap."),
    }, parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER)])
    def create(self, request, *args, **kwargs):
        try:
            item, created = _push(request, request.data, request.headers.get("Idempotency-Key"))
        except services.EvidenceConflict as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except services.EvidenceTooLarge as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        return Response(EvidenceItemSerializer(item).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], filterset_class=None)
    def download(self, request, pk=None):
        item = self.get_object()
        response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename or f"evidence-{item.pk}")
        response["X-Content-SHA256"] = item.sha256
        return response

    @extend_schema(request=OpenApiTypes.OBJECT, responses={
        200: OpenApiTypes.OBJECT,
        413: OpenApiResponse(ErrorSerializer, "More items than a batch may hold."),
    })
    @action(detail=False, methods=["post"], filterset_class=None, parser_classes=[JSONParser])
    def batch(self, request):
        """Up to 500 items (JSON, ``content_base64``); each is accepted or rejected on its own."""
        items = request.data.get("items") if isinstance(request.data, dict) else None
        limit = services.settings.ATTEST_EVIDENCE_BATCH_MAX
        if not isinstance(items, list) or not items:
            return Response({"detail": "Send {\"items\": [...]} with at least one item."}, status=400)
        if len(items) > limit:
            return Response({"detail": f"A batch holds at most {limit} items; this one has {len(items)}."}, status=413)
        results = []
        for index, data in enumerate(items):
            key = data.pop("idempotency_key", None) if isinstance(data, dict) else None
            try:
                if not isinstance(data, dict):
                    raise ValidationError("Each item must be an object.")
                item, created = _push(request, data, key)
                results.append({"index": index, "status": "created" if created else "existing", "id": item.pk,
                                "evidence_status": item.status, "sha256": item.sha256})
            except services.EvidenceConflict as exc:
                results.append({"index": index, "status": "rejected", "error": str(exc), "code": 409})
            except services.EvidenceTooLarge as exc:
                results.append({"index": index, "status": "rejected", "error": str(exc), "code": 413})
            except (ValidationError, serializers.ValidationError) as exc:
                detail = getattr(exc, "detail", None) or getattr(exc, "message_dict", None) or exc.messages
                results.append({"index": index, "status": "rejected", "error": validation_payload(detail)["detail"],
                                "code": 400})
            except Exception as exc:  # noqa: BLE001 - 403/404 on one item must not sink the others
                code = 404 if exc.__class__.__name__ == "Http404" else 403 if "Permission" in exc.__class__.__name__ else 400
                message = "Not found. It does not exist or you do not have access to it." if code == 404 else str(exc)
                results.append({"index": index, "status": "rejected", "error": message, "code": code})
        accepted = sum(1 for r in results if r["status"] != "rejected")
        return Response({"accepted": accepted, "rejected": len(results) - accepted, "results": results})


class TrustedKeySerializer(serializers.ModelSerializer):
    team = RestrictedPrimaryKeyRelatedField(model=Team, action="view", required=False, allow_null=True)
    algorithm = serializers.ChoiceField(choices=KeyAlgorithm.choices)

    class Meta:
        model = TrustedKey
        fields = ["id", "name", "algorithm", "public_key_pem", "fingerprint", "team", "created_at", "revoked_at"]
        read_only_fields = ["fingerprint", "created_at", "revoked_at"]


class TrustedKeyViewSet(RestrictedViewSetMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                        viewsets.ReadOnlyModelViewSet):
    """Public keys whose signatures count. DELETE revokes (the key stays listed, marked revoked)."""

    queryset = TrustedKey.objects.all()
    serializer_class = TrustedKeySerializer
    filterset_fields = ["algorithm", "team"]

    def required_action(self):
        return "change" if self.request.method == "DELETE" else super().required_action()

    def perform_create(self, serializer):
        serializer.instance = services.register_trusted_key(actor=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.revoke_trusted_key(actor=self.request.user, key=instance)


class EvidenceSourceSerializer(serializers.ModelSerializer):
    asset = RestrictedPrimaryKeyRelatedField(model=Asset, action="view")
    auth_header = serializers.CharField(write_only=True, required=False, allow_blank=True,
                                        help_text="e.g. 'Authorization: Bearer …'; stored encrypted, never returned")
    has_auth_header = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=EvidenceKind.choices)
    trusted_key = RestrictedPrimaryKeyRelatedField(model=TrustedKey, action="view", required=False, allow_null=True)
    control_implementation = RestrictedPrimaryKeyRelatedField(model=ControlImplementation, action="view",
                                                              required=False, allow_null=True)

    class Meta:
        model = EvidenceSource
        fields = ["id", "asset", "name", "kind", "url", "interval_minutes", "control_implementation", "trusted_key",
                  "valid_for_days", "enabled", "auth_header", "has_auth_header", "last_success_at", "last_error",
                  "last_error_at", "next_run_at", "created_at"]
        read_only_fields = ["last_success_at", "last_error", "last_error_at", "next_run_at", "created_at"]

    def get_has_auth_header(self, source) -> bool:
        return bool(source.auth_header_encrypted)


class EvidenceSourceViewSet(RestrictedModelViewSet):
    queryset = EvidenceSource.objects.all()
    serializer_class = EvidenceSourceSerializer
    filterset_fields = ["asset", "kind", "enabled"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        asset = data.pop("asset")
        serializer.instance = services.save_source(actor=self.request.user, asset=asset,
                                                   auth_header=data.pop("auth_header", None), **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("asset", None)
        serializer.instance = services.save_source(actor=self.request.user, asset=serializer.instance.asset_id,
                                                   source=serializer.instance,
                                                   auth_header=data.pop("auth_header", None), **data)

    def perform_destroy(self, instance):
        services.delete_source(actor=self.request.user, source=instance)

    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def collect(self, request, pk=None):
        """Collect now: queues a job and returns 202 with its id."""
        source = self.get_object_for("change")
        job = services.request_collection(actor=request.user, source=source)
        return Response({"job": job.pk, "status": job.status}, status=status.HTTP_202_ACCEPTED)
