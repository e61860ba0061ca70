from rest_framework import serializers

from attest.accounts.models import User
from attest.core.api.fields import CodeRelatedField, RestrictedPrimaryKeyRelatedField
from inventory.models import Asset

from ..choices import ControlStrength, EvidenceKind, ImplementationStatus, LifecyclePhase
from ..models import Classification, Control, ControlImplementation, Framework, Requirement


class FrameworkSerializer(serializers.ModelSerializer):
    requirement_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Framework
        fields = ["id", "slug", "name", "short_name", "version", "description", "url", "requirement_count"]


class RequirementSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Requirement
        fields = ["id", "framework", "code", "title", "description", "kind", "parent", "applicability",
                  "applies_from", "applies_from_amended"]


class MappingSerializer(serializers.Serializer):
    requirement = serializers.PrimaryKeyRelatedField(queryset=Requirement.objects.all())
    framework = serializers.CharField(source="requirement.framework.slug", read_only=True)
    code = serializers.CharField(source="requirement.code", read_only=True)
    title = serializers.CharField(source="requirement.title", read_only=True)
    strength = serializers.ChoiceField(choices=ControlStrength.choices)


class ControlSerializer(serializers.ModelSerializer):
    phase = serializers.ChoiceField(choices=LifecyclePhase.choices)
    evidence_kinds = serializers.ListField(child=serializers.ChoiceField(choices=EvidenceKind.choices), required=False)
    mappings = MappingSerializer(many=True, read_only=True)

    class Meta:
        model = Control
        fields = ["id", "code", "title", "description", "phase", "evidence_kinds", "max_evidence_age_days",
                  "mappings", "updated_at"]
        read_only_fields = ["updated_at"]
        extra_kwargs = {"code": {"validators": []}}


class ControlImplementationSerializer(serializers.ModelSerializer):
    asset = RestrictedPrimaryKeyRelatedField(model=Asset, action="view")
    control = CodeRelatedField(slug_field="code", queryset=Control.objects.all())
    owner = RestrictedPrimaryKeyRelatedField(model=User, action="view", required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ImplementationStatus.choices)

    class Meta:
        model = ControlImplementation
        fields = ["id", "asset", "control", "status", "justification", "owner", "due_date", "notes",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators = []


class ClassificationSerializer(serializers.ModelSerializer):
    confirmed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Classification
        fields = ["id", "asset", "version", "status", "answers", "tier", "role", "gpai_model", "gpai_systemic_risk",
                  "transparency", "deciding_articles", "reasons", "obligations", "reopened_because",
                  "created_by", "created_at", "confirmed_by", "confirmed_at"]


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField()
