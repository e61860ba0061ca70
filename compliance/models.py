from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from attest.rbac.querysets import ALL, NONE, InheritsAccess, RestrictedQuerySet
from attest.rbac.roles import GlobalRole, role_of
from inventory.models import Asset

from .choices import (
    Applicability, ClassificationStatus, ControlStrength, ImplementationStatus, LifecyclePhase, RequirementKind, Tier,
)


class CatalogAccess:
    """Catalog data: every signed-in user reads it; only governance leads and admins change it."""

    @classmethod
    def access_scope(cls, user, action: str):
        if action == "view":
            return ALL
        return ALL if role_of(user) in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE) else NONE


class Framework(CatalogAccess, models.Model):
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)
    version = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("compliance:framework_detail", args=[self.pk])


class Requirement(CatalogAccess, models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="requirements")
    code = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=RequirementKind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    applicability = models.CharField(max_length=24, choices=Applicability.choices, default=Applicability.ALWAYS)
    applies_from = models.DateField(null=True, blank=True)
    applies_from_amended = models.DateField(null=True, blank=True,
                                            help_text="Later date where an amendment postponed application")
    sort_key = models.PositiveIntegerField(default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["framework", "sort_key", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="requirement_code_unique")]

    def __str__(self) -> str:
        return f"{self.framework.short_name} {self.code}"


class Control(CatalogAccess, models.Model):
    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    phase = models.CharField(max_length=16, choices=LifecyclePhase.choices)
    evidence_kinds = models.JSONField(default=list, blank=True)
    max_evidence_age_days = models.PositiveIntegerField(default=365)
    requirements = models.ManyToManyField(Requirement, through="ControlMapping", related_name="controls")
    updated_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:control_detail", args=[self.pk])


class ControlMapping(CatalogAccess, models.Model):
    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="mappings")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="mappings")
    strength = models.CharField(max_length=12, choices=ControlStrength.choices, default=ControlStrength.PARTIAL)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["control", "requirement"], name="mapping_unique")]

    def __str__(self) -> str:
        return f"{self.control.code} → {self.requirement}"


class ControlImplementation(InheritsAccess, models.Model):
    """A control as applied to one asset; inherits the asset's access."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="control_implementations")
    control = models.ForeignKey(Control, on_delete=models.PROTECT, related_name="implementations")
    status = models.CharField(max_length=16, choices=ImplementationStatus.choices, default=ImplementationStatus.PLANNED)
    justification = models.TextField(blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    due_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset_id", "control__code"]
        constraints = [models.UniqueConstraint(fields=["asset", "control"], name="implementation_unique")]
        indexes = [models.Index(fields=["asset", "status"])]

    def __str__(self) -> str:
        return f"{self.control.code} on {self.asset}"

    def get_absolute_url(self) -> str:
        return reverse("inventory:asset_detail", args=[self.asset_id]) + "#controls"


class Classification(InheritsAccess, models.Model):
    """One version of the EU AI Act decision record for an AI system. The newest version is current."""

    access_action_map = {"view": "view", "add": "change", "change": "change", "delete": "delete"}

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="classifications")
    version = models.PositiveIntegerField()
    answers = models.JSONField()
    tier = models.CharField(max_length=16, choices=Tier.choices)
    role = models.CharField(max_length=16)
    gpai_model = models.BooleanField(default=False)
    gpai_systemic_risk = models.BooleanField(default=False)
    transparency = models.BooleanField(default=False)
    deciding_articles = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    obligations = models.JSONField(default=list)
    # The same obligations as catalog rows, so coverage can join on them in SQL.
    obligation_requirements = models.ManyToManyField(Requirement, blank=True, related_name="+")
    status = models.CharField(max_length=16, choices=ClassificationStatus.choices, default=ClassificationStatus.PROPOSED)
    is_current = models.BooleanField(default=True)
    inventory_fingerprint = models.JSONField(default=dict)
    reopened_because = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["asset_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "version"], name="classification_version_unique"),
            models.UniqueConstraint(fields=["asset"], condition=models.Q(is_current=True), name="one_current_classification"),
        ]

    def __str__(self) -> str:
        return f"{self.asset} v{self.version}: {self.get_tier_display()}"

    def get_absolute_url(self) -> str:
        return reverse("compliance:classification", args=[self.asset_id])


# Evidence lives in the compliance layer (coverage counts it), in a module of its own.
from .evidence.models import EvidenceItem, EvidenceSource, EvidenceStatus, KeyAlgorithm, TrustedKey  # noqa: E402,F401
