from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from attest import signing
from attest.accounts.models import User
from attest.core.api.schema import ErrorSerializer
from attest.core.api.viewsets import RestrictedViewSetMixin

from .. import services
from ..choices import PackStatus
from ..filtersets import AuditPackFilterSet, EngagementFilterSet
from ..models import AuditPack, Engagement
from .serializers import (
    AuditPackRequestSerializer, AuditPackSerializer, EngagementCreateSerializer, EngagementSerializer,
    SigningKeySerializer,
)


NOT_READY = OpenApiResponse(ErrorSerializer, "The pack is queued, building or failed; `status` says which.")


def pack_not_ready(pack: AuditPack) -> Response:
    if pack.status == PackStatus.FAILED:
        detail = f"The pack failed to build: {pack.job.error} Retry it with POST …/retry/."
    else:
        detail = f"The pack is not ready yet ({pack.status}, {pack.job.progress}%: {pack.job.step or 'waiting for a worker'})."
    response = Response({"detail": detail, "status": pack.status}, status=status.HTTP_409_CONFLICT)
    response["Retry-After"] = "5"
    return response


class AuditPackViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Audit packs. POST a scope to build one (202); workers build it; download the PDF and ZIP."""

    queryset = AuditPack.objects.select_related("job", "created_by").prefetch_related("frameworks", "assets")
    serializer_class = AuditPackSerializer
    filterset_class = AuditPackFilterSet

    @extend_schema(request=AuditPackRequestSerializer, responses={202: AuditPackSerializer})
    def create(self, request):
        serializer = AuditPackRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        pack = services.request_pack(
            actor=request.user, title=data.get("title", ""), framework_slugs=data["frameworks"],
            team_id=data.get("team"), asset_ids=data["assets"], as_of=data.get("as_of"), since=data.get("since"),
            engagement_id=data.get("engagement"))
        body = AuditPackSerializer(self.get_queryset().get(pk=pack.pk), context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": f"{request.path}{pack.pk}/"})

    @extend_schema(request=None, responses={202: AuditPackSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def retry(self, request, pk=None):
        """Build a failed pack again."""
        pack = self.get_object_for("change")
        services.retry_pack(actor=request.user, pack=pack)
        body = AuditPackSerializer(self.get_queryset().get(pk=pack.pk), context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)

    def _download(self, field: str, content_type: str):
        pack = self.get_object()
        if pack.status != PackStatus.READY:
            return pack_not_ready(pack)
        response = FileResponse(getattr(pack, field).open("rb"), as_attachment=True, content_type=content_type,
                                filename=f"attest-pack-{pack.pk}.{field}")
        response["X-Content-SHA256"] = getattr(pack, f"{field}_sha256")
        return response

    @extend_schema(request=None, responses={(200, "application/pdf"): bytes, 409: NOT_READY})
    @action(detail=True, methods=["get"], filterset_class=None)
    def pdf(self, request, pk=None):
        return self._download("pdf", "application/pdf")

    @extend_schema(request=None, responses={(200, "application/zip"): bytes, 409: NOT_READY})
    @action(detail=True, methods=["get"], filterset_class=None)
    def zip(self, request, pk=None):
        return self._download("zip", "application/zip")


class EngagementViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Auditor engagements: an auditor's read-only window on a scope for a period (governance)."""

    queryset = Engagement.objects.select_related("auditor").prefetch_related("assets", "frameworks")
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilterSet

    @extend_schema(request=EngagementCreateSerializer, responses={201: EngagementSerializer})
    def create(self, request):
        serializer = EngagementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.require_governance(request.user)
        auditor = User.objects.restrict(request.user, "invite").filter(pk=data["auditor"]).first()
        if auditor is None:
            return Response({"detail": f"auditor: there is no user with id {data['auditor']}.",
                             "errors": {"auditor": ["No such user."]}}, status=status.HTTP_400_BAD_REQUEST)
        engagement = services.create_engagement(
            actor=request.user, name=data["name"], auditor=auditor, team_id=data.get("team"), asset_ids=data["assets"],
            framework_slugs=data["frameworks"], period_start=data["period_start"], period_end=data["period_end"])
        return Response(EngagementSerializer(self.get_queryset().get(pk=engagement.pk)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: EngagementSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def end(self, request, pk=None):
        """End the engagement now: the auditor's grants for it are revoked."""
        engagement = self.get_object_for("change")
        services.end_engagement(actor=request.user, engagement=engagement)
        return Response(EngagementSerializer(self.get_queryset().get(pk=engagement.pk)).data)


class SigningKeyView(APIView):
    """The public key that signs audit-pack manifests: verify packs offline against it."""

    @extend_schema(responses=SigningKeySerializer)
    def get(self, request):
        return Response({"algorithm": "Ed25519", "public_key_pem": signing.public_key_pem(),
                         "fingerprint": signing.fingerprint()})
