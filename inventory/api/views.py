import csv

from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from attest.core.api.viewsets import RestrictedModelViewSet

from .. import services
from ..csv_io import export_rows
from ..filtersets import AssetFilterSet
from ..models import Asset, AssetRelation
from ..selectors import asset_grants
from .serializers import AssetGrantSerializer, AssetRelationSerializer, AssetSerializer


class _Echo:
    def write(self, value):
        return value


class AssetViewSet(RestrictedModelViewSet):
    queryset = Asset.objects.select_related("team", "owner")
    serializer_class = AssetSerializer
    filterset_class = AssetFilterSet

    def perform_create(self, serializer):
        serializer.instance = services.create_asset(actor=self.request.user, data=dict(serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = services.update_asset(
            actor=self.request.user, asset=serializer.instance, data=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance):
        services.delete_asset(actor=self.request.user, asset=instance)

    @extend_schema(responses={(200, "text/csv"): str}, parameters=[OpenApiParameter("q", str)])
    @action(detail=False, methods=["get"], url_path="export", filterset_class=AssetFilterSet)
    def export(self, request):
        """The filtered list as CSV, in the import format."""
        queryset = self.filter_queryset(self.get_queryset())
        writer = csv.writer(_Echo())
        response = StreamingHttpResponse((writer.writerow(row) for row in export_rows(queryset)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="assets.csv"'
        return response

    @extend_schema(methods=["GET"], responses=AssetRelationSerializer(many=True))
    @extend_schema(methods=["POST"], request=AssetRelationSerializer, responses={201: AssetRelationSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=AssetRelationSerializer, filterset_class=None,
            pagination_class=None)
    def relations(self, request, pk=None):
        """Relations in both directions (GET), or a new outgoing relation (POST ``type``, ``target``)."""
        if request.method == "POST":
            asset = self.get_object_for("change")
            serializer = AssetRelationSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            relation = services.create_relation(
                actor=request.user, source=asset, type=serializer.validated_data["type"],
                target=serializer.validated_data["target_id"],
            )
            return Response(AssetRelationSerializer(relation).data, status=status.HTTP_201_CREATED)
        asset = self.get_object()
        relations = AssetRelation.objects.restrict(request.user, "view").select_related("source", "target")
        rows = relations.filter(source=asset) | relations.filter(target=asset)
        return Response(AssetRelationSerializer(rows.order_by("pk"), many=True).data)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=r"relations/(?P<relation_id>\d+)", filterset_class=None)
    def delete_relation(self, request, pk=None, relation_id=None):
        asset = self.get_object_for("change")
        relation = AssetRelation.objects.restrict(request.user, "view").filter(pk=relation_id, source=asset).first()
        if relation is None:
            return Response({"detail": "Not found. It does not exist or you do not have access to it."}, status=404)
        services.delete_relation(actor=request.user, relation=relation)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], responses=AssetGrantSerializer(many=True))
    @extend_schema(methods=["POST"], request=AssetGrantSerializer, responses={201: AssetGrantSerializer(many=True)})
    @action(detail=True, methods=["get", "post"], serializer_class=AssetGrantSerializer, filterset_class=None,
            pagination_class=None)
    def grants(self, request, pk=None):
        """Who the asset is shared with (GET); share it (POST ``user``, ``permission``). Owners and admins."""
        asset = self.get_object_for("delete")
        if request.method == "POST":
            serializer = AssetGrantSerializer(data=request.data, context=self.get_serializer_context())
            serializer.is_valid(raise_exception=True)
            services.grant_asset_access(actor=request.user, asset=asset, user=serializer.validated_data["user"],
                                        permission=serializer.validated_data["permission"])
            return Response(asset_grants(asset=asset), status=status.HTTP_201_CREATED)
        return Response(asset_grants(asset=asset))

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], filterset_class=None,
            url_path=r"grants/(?P<user_id>\d+)/(?P<permission>view_asset|change_asset|add_evidence)")
    def revoke_grant(self, request, pk=None, user_id=None, permission=None):
        asset = self.get_object_for("delete")
        grant = next((g for g in asset_grants(asset=asset)
                      if g["user"] == int(user_id) and g["permission"] == permission), None)
        if grant is None:
            return Response({"detail": "Not found. It does not exist or you do not have access to it."}, status=404)
        services.revoke_asset_access(actor=request.user, asset=asset, user=grant["user"], permission=permission)
        return Response(status=status.HTTP_204_NO_CONTENT)
