from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from attest.core.api.viewsets import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from inventory.models import Asset
from rest_framework import viewsets

from .. import services
from ..filtersets import AssetThreatFilterSet, RiskFilterSet, ThreatFilterSet
from ..models import AssetThreat, Risk, Threat
from ..selectors import rated, threat_model
from .serializers import AcceptSerializer, AssetThreatSerializer, RiskSerializer, ThreatSerializer


class ThreatCatalogViewSet(RestrictedReadOnlyViewSet):
    queryset = Threat.objects.prefetch_related("controls")
    serializer_class = ThreatSerializer
    filterset_class = ThreatFilterSet


class AssetThreatViewSet(RestrictedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Entries of threat models. POST adds a threat by hand; PATCH marks one (not) applicable."""

    queryset = AssetThreat.objects.select_related("threat", "asset")
    serializer_class = AssetThreatSerializer
    filterset_class = AssetThreatFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.add_custom_threat(
            actor=self.request.user, asset=data["asset"], title=data.get("title", ""),
            description=data.get("description", ""), reason=data.get("reason", ""),
            likelihood=data.get("likelihood", 3), impact=data.get("impact", 3))

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.set_threat_status(
            actor=self.request.user, entry=serializer.instance, status=data.get("status", serializer.instance.status),
            reason=data.get("decision_reason", ""))


class RiskViewSet(RestrictedViewSetMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Risk.objects.select_related("asset", "asset_threat__threat", "owner", "accepted_by")
    serializer_class = RiskSerializer
    filterset_class = RiskFilterSet
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return rated(super().get_queryset())

    def perform_update(self, serializer):
        services.update_risk(actor=self.request.user, risk=serializer.instance, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    @extend_schema(request=AcceptSerializer, responses=RiskSerializer)
    @action(detail=True, methods=["post"], serializer_class=AcceptSerializer, filterset_class=None)
    def accept(self, request, pk=None):
        """Accept the risk until ``expires_on`` with a ``justification`` (governance only)."""
        risk = self.get_object_for(None)
        serializer = AcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.accept_risk(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(RiskSerializer(self.get_queryset().get(pk=risk.pk), context={"request": request}).data)


class AssetThreatModelView(APIView):
    """The asset's threat model (GET); POST regenerates it from the inventory and says what changed."""

    def _asset(self, request, pk):
        asset = Asset.objects.restrict(request.user, "view").filter(pk=pk).first()
        if asset is None:
            raise Http404
        return asset

    def _body(self, request, asset, changes=None):
        rows = []
        for entry, risk in threat_model(user=request.user, asset=asset):
            row = AssetThreatSerializer(entry).data
            row["risk"] = None if risk is None else {
                "id": risk.pk, "status": risk.status, "inherent_score": risk.inherent,
                "inherent_level": risk.inherent_level, "residual_score": risk.residual,
                "residual_level": risk.residual_level}
            rows.append(row)
        body = {"asset": asset.pk, "threats": rows}
        if changes is not None:
            body["changes"] = changes
        return body

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        asset = self._asset(request, pk)
        return Response(self._body(request, asset))

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        asset = self._asset(request, pk)
        result = services.regenerate_threat_model(actor=request.user, asset=asset)
        return Response(self._body(request, asset, changes=result.as_dict()), status=status.HTTP_200_OK)
