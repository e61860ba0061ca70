from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..choices import PackStatus
from ..models import AuditPack, Engagement


class AuditPackSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=PackStatus.choices, read_only=True)
    progress = serializers.IntegerField(source="job.progress", read_only=True)
    step = serializers.CharField(source="job.step", read_only=True)
    error = serializers.CharField(source="job.error", read_only=True)
    frameworks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    assets = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    pack_hash = serializers.CharField(source="input_digest", read_only=True)
    pdf_url = serializers.SerializerMethodField()
    zip_url = serializers.SerializerMethodField()

    class Meta:
        model = AuditPack
        fields = ["id", "title", "organisation", "status", "progress", "step", "error", "frameworks", "team", "assets",
                  "as_of", "since", "engagement", "created_by", "created_at", "built_at", "page_count", "pack_hash",
                  "pdf_sha256", "zip_sha256", "zip_size", "pdf_url", "zip_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, pack) -> str | None:
        return reverse("api:auditpack-pdf", args=[pack.pk]) if pack.status == PackStatus.READY else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_zip_url(self, pack) -> str | None:
        return reverse("api:auditpack-zip", args=[pack.pk]) if pack.status == PackStatus.READY else None


class AuditPackRequestSerializer(serializers.Serializer):
    """The scope of a pack: a team or a list of assets (or an engagement's), frameworks, dates."""

    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    frameworks = serializers.ListField(child=serializers.SlugField(), required=False, default=list,
                                       help_text="Framework slugs; empty means every framework")
    team = serializers.IntegerField(required=False, allow_null=True)
    assets = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, max_length=5000)
    as_of = serializers.DateField(required=False, allow_null=True, help_text="Default: today")
    since = serializers.DateField(required=False, allow_null=True,
                                  help_text="Start of the audit-log excerpt; default 90 days before as_of")
    engagement = serializers.IntegerField(required=False, allow_null=True)


class EngagementSerializer(serializers.ModelSerializer):
    auditor = serializers.PrimaryKeyRelatedField(read_only=True)
    auditor_username = serializers.CharField(source="auditor.username", read_only=True)
    assets = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    frameworks = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = Engagement
        fields = ["id", "name", "auditor", "auditor_username", "team", "assets", "frameworks", "period_start", "period_end", "active",
                  "created_at", "ended_at"]
        read_only_fields = fields


class EngagementCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    auditor = serializers.IntegerField()
    team = serializers.IntegerField(required=False, allow_null=True)
    assets = serializers.ListField(child=serializers.IntegerField(), required=False, default=list, max_length=5000)
    frameworks = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    period_start = serializers.DateField()
    period_end = serializers.DateField()


class SigningKeySerializer(serializers.Serializer):
    algorithm = serializers.CharField()
    public_key_pem = serializers.CharField()
    fingerprint = serializers.CharField(help_text="SHA-256 of the raw public key, hex")
