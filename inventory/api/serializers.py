from rest_framework import serializers

from attest.accounts.models import Team, User
from attest.core.api.fields import RestrictedPrimaryKeyRelatedField

from ..choices import ALL_KIND_FIELDS, COMMON_FIELDS, KIND_FIELDS, RelationType
from ..models import Asset, AssetRelation


class AssetSerializer(serializers.ModelSerializer):
    """All kinds share one shape; fields of other kinds are left out of each response."""

    team = RestrictedPrimaryKeyRelatedField(model=Team, action="view")
    owner = RestrictedPrimaryKeyRelatedField(model=User, action="view", required=False, allow_null=True)
    team_name = serializers.CharField(source="team.name", read_only=True)
    owner_username = serializers.CharField(source="owner.username", read_only=True, default=None)
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)
    url = serializers.HyperlinkedIdentityField(view_name="api:asset-detail")

    class Meta:
        model = Asset
        fields = ["id", "url", *COMMON_FIELDS, "team_name", "owner_username", "created_at", "updated_at",
                  *ALL_KIND_FIELDS]
        read_only_fields = ["created_at", "updated_at"]
        validators = []  # uniqueness and kind rules are checked by the service, with one message style

    def to_representation(self, instance):
        data = super().to_representation(instance)
        own = set(KIND_FIELDS.get(instance.kind, []))
        for name in ALL_KIND_FIELDS:
            if name not in own:
                data.pop(name, None)
        return data


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
