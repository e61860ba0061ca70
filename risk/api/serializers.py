from rest_framework import serializers

from attest.accounts.models import User
from attest.core.api.fields import RestrictedPrimaryKeyRelatedField
from inventory.models import Asset

from ..choices import ThreatStatus, Treatment
from ..models import AssetThreat, Risk, Threat


class ThreatSerializer(serializers.ModelSerializer):
    controls = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Threat
        fields = ["id", "code", "title", "description", "stride", "atlas", "owasp_ml", "owasp_llm", "kinds",
                  "likelihood", "impact", "controls", "rules"]


class RiskSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    treatment = serializers.CharField()
    likelihood = serializers.IntegerField()
    impact = serializers.IntegerField()
    inherent_score = serializers.IntegerField(source="inherent")
    inherent_level = serializers.CharField()
    residual_score = serializers.IntegerField(source="residual")
    residual_level = serializers.CharField()


class AssetThreatSerializer(serializers.ModelSerializer):
    asset = RestrictedPrimaryKeyRelatedField(model=Asset, action="view")
    code = serializers.CharField(source="threat.code", read_only=True, default=None)
    title = serializers.CharField(required=False, allow_blank=True)
    atlas = serializers.JSONField(source="threat.atlas", read_only=True, default=list)
    owasp_ml = serializers.JSONField(source="threat.owasp_ml", read_only=True, default=list)
    owasp_llm = serializers.JSONField(source="threat.owasp_llm", read_only=True, default=list)
    stride = serializers.CharField(source="threat.stride", read_only=True, default=None)
    status = serializers.ChoiceField(choices=[ThreatStatus.APPLICABLE, ThreatStatus.NOT_APPLICABLE], required=False)
    likelihood = serializers.IntegerField(min_value=1, max_value=5, required=False, write_only=True)
    impact = serializers.IntegerField(min_value=1, max_value=5, required=False, write_only=True)

    class Meta:
        model = AssetThreat
        fields = ["id", "asset", "code", "title", "description", "atlas", "owasp_ml", "owasp_llm", "stride", "origin",
                  "status", "reason", "decision_reason", "first_seen_at", "last_derived_at", "likelihood", "impact"]
        read_only_fields = ["origin", "first_seen_at", "last_derived_at"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["title"] = instance.display_title
        return data


class RiskSerializer(serializers.ModelSerializer):
    threat = serializers.SerializerMethodField()
    asset_name = serializers.CharField(source="asset.name", read_only=True)
    owner = RestrictedPrimaryKeyRelatedField(model=User, action="view", required=False, allow_null=True)
    # Every treatment can be read back; `accept` is only set by POST /risks/{id}/accept/.
    treatment = serializers.ChoiceField(choices=Treatment.choices, required=False,
                                        help_text="`accept` is set by POST /risks/{id}/accept/, not here.")
    inherent_score = serializers.IntegerField(source="inherent", read_only=True)
    inherent_level = serializers.CharField(read_only=True)
    residual_score = serializers.IntegerField(source="residual", read_only=True)
    residual_level = serializers.CharField(read_only=True)
    mitigations_in_place = serializers.IntegerField(source="mitigations", read_only=True)
    accepted_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Risk
        fields = ["id", "asset", "asset_name", "threat", "likelihood", "impact", "inherent_score", "inherent_level",
                  "residual_score", "residual_level", "mitigations_in_place", "treatment", "status", "owner",
                  "due_date", "accepted_by", "accepted_at", "acceptance_justification", "acceptance_expires_on",
                  "created_at", "updated_at"]
        read_only_fields = ["asset", "status", "accepted_at", "acceptance_justification", "acceptance_expires_on",
                            "created_at", "updated_at"]
        extra_kwargs = {"likelihood": {"min_value": 1, "max_value": 5}, "impact": {"min_value": 1, "max_value": 5}}

    def validate_treatment(self, value):
        if value == Treatment.ACCEPT:
            raise serializers.ValidationError("Accept a risk with POST /api/v1/risks/{id}/accept/ (governance leads).")
        return value

    def get_threat(self, risk) -> dict:
        entry = risk.asset_threat
        return {"id": entry.pk, "code": entry.threat.code if entry.threat_id else None, "title": entry.display_title,
                "atlas": entry.threat.atlas if entry.threat_id else [], "reason": entry.reason}


class AcceptSerializer(serializers.Serializer):
    justification = serializers.CharField()
    expires_on = serializers.DateField()
