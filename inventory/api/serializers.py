from django.urls import reverse
from rest_framework import serializers
from rest_framework.fields import SkipField

from attest.accounts.models import Team, User
from attest.core.api.fields import RestrictedPrimaryKeyRelatedField

from ..choices import ALL_KIND_FIELDS, COMMON_FIELDS, KIND_FIELDS, RelationType
from ..models import Asset, AssetRelation


class AssetSerializer(serializers.ModelSerializer):
    """All kinds share one shape; fields of other kinds are left out of each response."""

    team = RestrictedPrimaryKeyRelatedField(model=Team, action="view")
    owner = RestrictedPrimaryKeyRelatedField(model=User, action="view", required=False, allow_null=True)
    team_name = serializers.CharField(source="team.name", read_only=True)
    owner_username = serializers.SerializerMethodField()
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Asset
        fields = ["id", "url", *COMMON_FIELDS, "team_name", "owner_username", "created_at", "updated_at",
                  *ALL_KIND_FIELDS]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # uniqueness and kind rules are checked by the service, with one message style

    def get_owner_username(self, instance) -> str | None:
        return instance.owner.username if instance.owner_id else None

    def get_url(self, instance) -> str:
        # Reverse once per response, not once per row: lists render 200 rows at a time.
        prefix = self.context.get("_asset_url_prefix")
        if prefix is None:
            prefix = reverse("api:asset-list")
            request = self.context.get("request")
            prefix = request.build_absolute_uri(prefix) if request else prefix
            self.context["_asset_url_prefix"] = prefix
        return f"{prefix}{instance.pk}/"

    def to_representation(self, instance):
        # Only the fields of the asset's own kind are computed (DRF would build all, then we'd drop most).
        skip = _OTHER_KIND_FIELDS[instance.kind]
        data = {}
        for field in self._readable_fields:
            if field.field_name in skip:
                continue
            try:
                value = field.get_attribute(instance)
            except SkipField:
                continue
            data[field.field_name] = None if value is None else field.to_representation(value)
        return data


_OTHER_KIND_FIELDS = {kind: set(ALL_KIND_FIELDS) - set(fields) for kind, fields in KIND_FIELDS.items()}


class AssetGrantSerializer(serializers.Serializer):
    user = RestrictedPrimaryKeyRelatedField(model=User, action="invite")
    username = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    permission = serializers.ChoiceField(choices=["view_asset", "change_asset", "add_evidence"])


class AssetRelationSerializer(serializers.ModelSerializer):
    source = serializers.PrimaryKeyRelatedField(read_only=True)
    source_name = serializers.CharField(source="source.name", read_only=True)
    target = serializers.IntegerField(source="target_id")
    target_name = serializers.CharField(source="target.name", read_only=True)
    type = serializers.ChoiceField(choices=RelationType.choices)

    class Meta:
        model = AssetRelation
        fields = ["id", "source", "source_name", "type", "target", "target_name", "created_at"]
        read_only_fields = ["created_at"]
