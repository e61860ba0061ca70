import django_filters
from rest_framework import serializers
from rest_framework.permissions import BasePermission

from attest.core.api.viewsets import RestrictedReadOnlyViewSet
from attest.core.filters import IdFilter
from attest.rbac.roles import GlobalRole, role_of

from ..models import AuditEvent

AUDIT_READERS = {GlobalRole.ADMIN, GlobalRole.GOVERNANCE, GlobalRole.AUDITOR}


class CanReadAuditLog(BasePermission):
    message = "The audit log is open to administrators, governance leads and auditors."

    def has_permission(self, request, view):
        return role_of(request.user) in AUDIT_READERS


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["id", "seq", "created_at", "actor", "actor_label", "action", "object_type", "object_id",
                  "object_repr", "asset_id", "before", "after", "request_id", "prev_hash", "hash"]


class AuditEventFilterSet(django_filters.FilterSet):
    asset = IdFilter(field_name="asset_id")
    since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["action", "object_type", "object_id", "actor", "asset", "since", "until"]


class AuditEventViewSet(RestrictedReadOnlyViewSet):
    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilterSet
    permission_classes = [CanReadAuditLog]
