from django.db.models import Count
from django.http import Http404
from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from attest.core.api.viewsets import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from inventory.models import Asset

from .. import services
from ..filtersets import ControlFilterSet, ControlImplementationFilterSet, RequirementFilterSet
from ..models import Control, ControlImplementation, Framework, Requirement
from ..selectors import asset_compliance, current_classification
from .serializers import (
    AnswersSerializer, ClassificationSerializer, ControlImplementationSerializer, ControlSerializer,
    FrameworkSerializer, MappingSerializer, RequirementSerializer,
)


class FrameworkViewSet(RestrictedReadOnlyViewSet):
    # Explicit: Meta.ordering does not apply to a GROUP BY query, and pages need a stable order.
    queryset = Framework.objects.annotate(requirement_count=Count("requirements")).order_by("name")
    serializer_class = FrameworkSerializer
    filterset_class = None

    @extend_schema(responses=RequirementSerializer(many=True), parameters=[
        OpenApiParameter("q", str, description="Search code, title and description"),
        OpenApiParameter("kind", str), OpenApiParameter("applicability", str)])
    @action(detail=True, methods=["get"], serializer_class=RequirementSerializer, filterset_class=None)
    def requirements(self, request, pk=None):
        # Not get_object(): it would run this action's Requirement filterset over frameworks.
        framework = Framework.objects.restrict(request.user, "view").filter(pk=pk).first()
        if framework is None:
            raise Http404
        filterset = RequirementFilterSet(
            request.query_params, request=request,
            queryset=Requirement.objects.restrict(request.user, "view").filter(framework=framework)
            .select_related("framework", "parent"))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = filterset.qs
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(RequirementSerializer(page, many=True).data)


class ControlViewSet(RestrictedModelViewSet):
    queryset = Control.objects.prefetch_related("mappings__requirement__framework")
    serializer_class = ControlSerializer
    filterset_class = ControlFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.create_control(actor=self.request.user, data=dict(serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = services.update_control(actor=self.request.user, control=serializer.instance,
                                                      data=dict(serializer.validated_data))

    def perform_destroy(self, instance):
        services.delete_control(actor=self.request.user, control=instance)

    @extend_schema(request=MappingSerializer, responses={201: ControlSerializer})
    @action(detail=True, methods=["post"], serializer_class=MappingSerializer, filterset_class=None)
    def mappings(self, request, pk=None):
        """Map the control to a requirement (``requirement`` id, ``strength``); governance only."""
        control = self.get_object_for("change")
        serializer = MappingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.set_control_mapping(actor=request.user, control=control, **serializer.validated_data)
        return Response(ControlSerializer(self.get_queryset().get(pk=control.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"mappings/(?P<requirement_id>\d+)", filterset_class=None)
    def unmap(self, request, pk=None, requirement_id=None):
        control = self.get_object_for("change")
        requirement = Requirement.objects.restrict(request.user, "view").filter(pk=requirement_id).first()
        if requirement is None:
            raise Http404
        services.set_control_mapping(actor=request.user, control=control, requirement=requirement, strength=None)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ControlImplementationViewSet(RestrictedModelViewSet):
    queryset = ControlImplementation.objects.select_related("control", "asset")
    serializer_class = ControlImplementationSerializer
    filterset_class = ControlImplementationFilterSet

    def _save(self, serializer, instance=None):
        data = {**({"asset": instance.asset_id, "control": instance.control} if instance else {}),
                **serializer.validated_data}
        asset = data.pop("asset")
        return services.set_implementation(actor=self.request.user, asset=asset, **data)

    def perform_create(self, serializer):
        asset = serializer.validated_data["asset"]
        existing = ControlImplementation.objects.restrict(self.request.user, "view")
        if existing.filter(asset=asset, control=serializer.validated_data["control"]).exists():
            from django.core.exceptions import ValidationError

            raise ValidationError({"control": "This control already has an implementation on the asset; update it."})
        serializer.instance = self._save(serializer)

    def perform_update(self, serializer):
        impl = serializer.instance
        merged = {"status": impl.status, "justification": impl.justification, "owner": impl.owner,
                  "due_date": impl.due_date, "notes": impl.notes, **serializer.validated_data}
        merged.pop("asset", None)
        merged.pop("control", None)
        serializer.instance = services.set_implementation(actor=self.request.user, asset=impl.asset_id,
                                                          control=impl.control, **merged)

    def perform_destroy(self, instance):
        services.delete_implementation(actor=self.request.user, implementation=instance)


def _visible_asset(request, pk) -> Asset:
    asset = Asset.objects.restrict(request.user, "view").filter(pk=pk).first()
    if asset is None:
        raise Http404
    return asset


class AssetClassificationView(APIView):
    """The AI Act decision record of a system: GET the current one, PUT ``{"answers": {...}}`` for a new version."""

    @extend_schema(responses=ClassificationSerializer)
    def get(self, request, pk):
        asset = _visible_asset(request, pk)
        record = current_classification(asset=asset)
        if record is None:
            return Response({"detail": "This system has not been classified yet. PUT its answers to classify it."},
                            status=status.HTTP_404_NOT_FOUND)
        return Response(ClassificationSerializer(record).data)

    @extend_schema(request=AnswersSerializer, responses=ClassificationSerializer)
    def put(self, request, pk):
        asset = _visible_asset(request, pk)
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.classify_system(actor=request.user, asset=asset, answers=serializer.validated_data["answers"])
        return Response(ClassificationSerializer(record).data)


class AssetClassificationConfirmView(APIView):
    @extend_schema(request=None, responses=ClassificationSerializer)
    def post(self, request, pk):
        asset = _visible_asset(request, pk)
        return Response(ClassificationSerializer(services.confirm_classification(actor=request.user, asset=asset)).data)


class AssetComplianceView(APIView):
    """Applicable requirements per framework with implemented / evidenced counts and the drill-down."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        report = asset_compliance(asset=_visible_asset(request, pk))
        return Response({"asset": pk, "frameworks": [{
            "framework": entry["framework"].slug,
            "applicable": entry["applicable"], "implemented": entry["implemented"],
            "evidenced": entry["evidenced"], "gaps": entry["gaps"],
            "requirements": [{
                "code": row.requirement.code, "title": row.requirement.title, "implemented": row.implemented,
                "evidenced": row.evidenced,
                "controls": [{"code": c.code, "strength": strength, "status": impl.status if impl else None}
                             for c, strength, impl in row.controls],
            } for row in entry["requirements"]],
        } for entry in report["frameworks"]]})
