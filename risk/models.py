from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from attest.rbac.querysets import InheritsAccess, RestrictedQuerySet
from compliance.models import CatalogAccess, Control
from inventory.models import Asset

from .choices import DEFAULT_LEVELS, RiskStatus, Stride, ThreatOrigin, ThreatStatus, Treatment


class Threat(CatalogAccess, models.Model):
    """A catalog entry: what can go wrong, where it applies (rules), and what mitigates it."""

    code = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    stride = models.CharField(max_length=32, choices=Stride.choices)
    atlas = models.JSONField(default=list)
    owasp_ml = models.JSONField(default=list)
    owasp_llm = models.JSONField(default=list)
    kinds = models.JSONField(default=list)
    rules = models.JSONField(default=list)
    likelihood = models.PositiveSmallIntegerField(default=3)
    impact = models.PositiveSmallIntegerField(default=3)
    controls = models.ManyToManyField(Control, blank=True, related_name="threats")

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risk:threat_detail", args=[self.pk])


class AssetThreat(InheritsAccess, models.Model):
    """A threat in an asset's threat model: derived (with the reason it applies) or added by hand."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="threats")
    threat = models.ForeignKey(Threat, null=True, blank=True, on_delete=models.PROTECT, related_name="asset_threats")
    title = models.CharField(max_length=200, blank=True, help_text="For threats added by hand")
    description = models.TextField(blank=True)
    origin = models.CharField(max_length=8, choices=ThreatOrigin.choices, default=ThreatOrigin.DERIVED)
    status = models.CharField(max_length=16, choices=ThreatStatus.choices, default=ThreatStatus.APPLICABLE)
    reason = models.TextField(help_text="Why the threat applies: the field or relation that made it apply")
    decision_reason = models.TextField(blank=True, help_text="Why a user marked it not applicable")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(default=timezone.now)
    last_derived_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset_id", "threat__code", "title"]
        constraints = [models.UniqueConstraint(fields=["asset", "threat"], condition=models.Q(threat__isnull=False),
                                               name="one_entry_per_catalog_threat")]

    def __str__(self) -> str:
        return f"{self.display_title} on {self.asset}"

    @property
    def display_title(self) -> str:
        return self.threat.title if self.threat_id else self.title

    def get_absolute_url(self) -> str:
        return reverse("inventory:asset_detail", args=[self.asset_id]) + "#threats"


class Risk(InheritsAccess, models.Model):
    """Asset × threat, rated on the matrix. Residual ratings are computed in SQL (see selectors)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="risks")
    asset_threat = models.OneToOneField(AssetThreat, on_delete=models.CASCADE, related_name="risk")
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    treatment = models.CharField(max_length=10, choices=Treatment.choices, default=Treatment.MITIGATE)
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN, db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_risks")
    due_date = models.DateField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    acceptance_justification = models.TextField(blank=True)
    acceptance_expires_on = models.DateField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["asset", "status"])]

    def __str__(self) -> str:
        return f"{self.asset_threat.display_title} on {self.asset}"

    def get_absolute_url(self) -> str:
        return reverse("risk:risk_detail", args=[self.pk])

    @property
    def inherent_score(self) -> int:
        return self.likelihood * self.impact


class RiskMatrix(models.Model):
    """The rating matrix: named levels by score (likelihood × impact, 1–25). One row."""

    levels = models.JSONField(default=list)

    @classmethod
    def current_levels(cls) -> list[dict]:
        row = cls.objects.filter(pk=1).first()
        return row.levels if row and row.levels else DEFAULT_LEVELS
