"""Evidence: items (files with their hash and verification), trusted keys and pull sources."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from attest.accounts.models import Team, team_ids_where
from attest.rbac.querysets import ALL, NONE, InheritsAccess, RestrictedQuerySet
from attest.rbac.roles import GlobalRole, role_of
from inventory.models import Asset

from ..choices import EvidenceKind


class EvidenceStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    VERIFIED = "verified", "Verified"
    FAILED = "failed", "Verification failed"
    REJECTED = "rejected", "Rejected"


class KeyAlgorithm(models.TextChoices):
    ED25519 = "ed25519", "Ed25519"
    ECDSA_P256 = "ecdsa-p256", "ECDSA P-256 (SHA-256)"
    RSA_PSS = "rsa-pss", "RSA-PSS (SHA-256)"


class TrustedKey(models.Model):
    """A public key whose signatures count as verified. Team keys are managed by team owners."""

    name = models.CharField(max_length=100)
    algorithm = models.CharField(max_length=16, choices=KeyAlgorithm.choices)
    public_key_pem = models.TextField()
    fingerprint = models.CharField(max_length=64, unique=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="trusted_keys",
                             help_text="Empty: trusted for every team (governance and admins only)")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_algorithm_display()})"

    def get_absolute_url(self) -> str:
        return reverse("compliance:trusted_key_list") + f"#key-{self.pk}"

    @classmethod
    def access_scope(cls, user, action: str):
        role = role_of(user)
        if role in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
            return ALL
        if action == "view":
            return models.Q(team__isnull=True) | models.Q(team_id__in=team_ids_where(user, "view_team"))
        if role == GlobalRole.MEMBER:
            return models.Q(team_id__in=team_ids_where(user, "manage_team_members"))
        return NONE


class EvidenceSource(InheritsAccess, models.Model):
    """A URL that a worker polls for evidence about an asset."""

    access_action_map = {"view": "view", "add": "change", "change": "change", "delete": "change"}

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="evidence_sources")
    control_implementation = models.ForeignKey("compliance.ControlImplementation", null=True, blank=True,
                                               on_delete=models.SET_NULL, related_name="evidence_sources")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    url = models.URLField(max_length=1000)
    interval_minutes = models.PositiveIntegerField(default=60)
    auth_header_encrypted = models.TextField(blank=True)
    trusted_key = models.ForeignKey(TrustedKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    valid_for_days = models.PositiveIntegerField(null=True, blank=True)
    enabled = models.BooleanField(default=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_body_sha256 = models.CharField(max_length=64, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset_id", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.asset})"

    def get_absolute_url(self) -> str:
        return reverse("inventory:asset_detail", args=[self.asset_id]) + "#evidence"


class EvidenceItem(InheritsAccess, models.Model):
    """One piece of evidence. The file is stored by content hash; nothing partial is ever kept."""

    access_action_map = {"view": "view", "add": "add_evidence", "change": "change", "delete": "change"}

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="evidence")
    control_implementation = models.ForeignKey("compliance.ControlImplementation", null=True, blank=True,
                                               on_delete=models.SET_NULL, related_name="evidence")
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="evidence/", max_length=300)
    filename = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=100, blank=True)
    format = models.CharField(max_length=32, blank=True)
    collected_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateTimeField(null=True, blank=True)
    # The earlier of valid_until and collected_at + the control's maximum evidence age; kept in
    # step by the services so freshness is a plain indexed comparison.
    stale_after = models.DateTimeField(null=True, blank=True, db_index=True)
    stale_notified_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=40, default="api")
    status = models.CharField(max_length=10, choices=EvidenceStatus.choices)
    verification_detail = models.TextField(blank=True)
    summary = models.JSONField(default=dict, blank=True)
    trusted_key = models.ForeignKey(TrustedKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    external_id = models.CharField(max_length=200, null=True, blank=True)
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-collected_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "external_id"], condition=models.Q(external_id__isnull=False),
                                    name="evidence_external_id_unique"),
            models.UniqueConstraint(fields=["created_by", "idempotency_key"],
                                    condition=models.Q(idempotency_key__isnull=False),
                                    name="evidence_idempotency_key_unique"),
        ]
        indexes = [models.Index(fields=["control_implementation", "status", "collected_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compliance:evidence_detail", args=[self.pk])
