"""Audit packs, the auditor engagements they are built for, and rendered model-card PDFs."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from attest.core.models import Job
from attest.rbac.querysets import ALL, NONE, InheritsAccess, RestrictedQuerySet
from attest.rbac.roles import GlobalRole, role_of
from attest.accounts.models import Team
from compliance.models import Framework
from inventory.models import Asset

from .choices import JOB_TO_PACK_STATUS


class Engagement(models.Model):
    """An auditor's read-only window on a scope of assets for a period.

    While it is active the auditor holds ``view_asset`` grants on its assets (written by the
    services) and sees the packs built for it.
    """

    name = models.CharField(max_length=200)
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="engagements")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assets = models.ManyToManyField(Asset, related_name="engagements")
    frameworks = models.ManyToManyField(Framework, blank=True, related_name="+")
    period_start = models.DateField()
    period_end = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:engagement_detail", args=[self.pk])

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @classmethod
    def access_scope(cls, user, action: str):
        role = role_of(user)
        if role in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
            return ALL
        if role == GlobalRole.AUDITOR and action == "view":
            return models.Q(auditor=user)
        return NONE


class AuditPack(models.Model):
    title = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    frameworks = models.ManyToManyField(Framework, blank=True, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The scope resolved when the pack was requested, through the requester's restricted queryset.
    assets = models.ManyToManyField(Asset, related_name="+")
    as_of = models.DateField()
    since = models.DateField(help_text="First day of the audit-log excerpt")
    engagement = models.ForeignKey(Engagement, null=True, blank=True, on_delete=models.SET_NULL, related_name="packs")
    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to="packs/", max_length=300, blank=True)
    zip = models.FileField(upload_to="packs/", max_length=300, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    zip_sha256 = models.CharField(max_length=64, blank=True)
    zip_size = models.PositiveBigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    input_digest = models.CharField(max_length=64, blank=True)
    manifest = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:pack_detail", args=[self.pk])

    @property
    def status(self) -> str:
        return JOB_TO_PACK_STATUS[self.job.status]

    @classmethod
    def access_scope(cls, user, action: str):
        role = role_of(user)
        if role in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE):
            return ALL
        if role == GlobalRole.AUDITOR:
            # Read-only, and only while the engagement the pack was built for is active.
            return models.Q(engagement__auditor=user, engagement__ended_at__isnull=True) if action == "view" else NONE
        if role == GlobalRole.MEMBER:
            return models.Q(created_by=user)
        return NONE


class ModelCardRender(InheritsAccess, models.Model):
    """A model card rendered to PDF by a worker, keyed by the hash of the card's content."""

    access_action_map = {"view": "view", "add": "view"}

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="model_card_renders")
    content_sha256 = models.CharField(max_length=64)
    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="+")
    pdf = models.FileField(upload_to="model-cards/", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["asset", "content_sha256"], name="one_render_per_card_content")]

    def __str__(self) -> str:
        return f"Model card of {self.asset}"

    def get_absolute_url(self) -> str:
        return reverse("inventory:asset_detail", args=[self.asset_id]) + "#model-card"
