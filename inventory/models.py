from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from attest.accounts.models import Team, team_ids_where, user_group_ids
from attest.rbac.querysets import ALL, NONE, RestrictedQuerySet
from attest.rbac.roles import ASSET_ACTIONS, GlobalRole, role_of

from .choices import (
    KIND_FIELDS, AssetKind, Criticality, DataClassification, Exposure, InfrastructureRole, LifecycleStage,
    ModelType, NetworkExposure, RelationType,
)


class Asset(models.Model):
    # Common
    kind = models.CharField(max_length=16, choices=AssetKind.choices, db_index=True)
    name = models.CharField(max_length=200)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="assets")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="owned_assets")
    description = models.TextField(blank=True)
    lifecycle_stage = models.CharField(max_length=16, choices=LifecycleStage.choices, default=LifecycleStage.DESIGN)
    criticality = models.CharField(max_length=16, choices=Criticality.choices, default=Criticality.MEDIUM)
    data_classification = models.CharField(max_length=16, choices=DataClassification.choices,
                                           default=DataClassification.INTERNAL)
    tags = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    # AI system
    intended_purpose = models.TextField(blank=True)
    affected_persons = models.TextField(blank=True)
    deployment_context = models.TextField(blank=True)
    exposure = models.CharField(max_length=16, choices=Exposure.choices, blank=True)
    automated_decisions = models.BooleanField(default=False)
    human_oversight = models.TextField(blank=True)
    # Model
    model_type = models.CharField(max_length=24, choices=ModelType.choices, blank=True)
    framework = models.CharField(max_length=100, blank=True)
    version = models.CharField(max_length=100, blank=True)
    third_party = models.BooleanField(default=False)
    license = models.CharField(max_length=100, blank=True)
    gpai = models.BooleanField(default=False)
    registry_uri = models.CharField(max_length=500, blank=True)
    # Dataset
    source = models.CharField(max_length=500, blank=True)
    provenance = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=200, blank=True)
    contains_personal_data = models.BooleanField(default=False)
    special_category_data = models.BooleanField(default=False)
    record_count = models.PositiveBigIntegerField(null=True, blank=True)
    retention = models.CharField(max_length=200, blank=True)
    # Infrastructure
    role = models.CharField(max_length=16, choices=InfrastructureRole.choices, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=100, blank=True)
    encrypted_at_rest = models.BooleanField(default=False)
    encrypted_in_transit = models.BooleanField(default=False)
    network_exposure = models.CharField(max_length=16, choices=NetworkExposure.choices, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        permissions = [("add_evidence", "Attach evidence to the asset")]
        constraints = [models.UniqueConstraint(fields=["team", "kind", "name"], name="asset_unique_name_per_team_kind")]
        indexes = [
            models.Index(fields=["team", "name", "id"], name="asset_team_order"),
            models.Index(fields=["name", "id"], name="asset_default_order"),
            models.Index(fields=["lifecycle_stage"]),
            models.Index(fields=["criticality"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inventory:asset_detail", args=[self.pk])

    @property
    def kind_fields(self) -> list[str]:
        return KIND_FIELDS[self.kind]

    @classmethod
    def access_scope(cls, user, action: str):
        role = role_of(user)
        if role == GlobalRole.ADMIN:
            return ALL
        if role == GlobalRole.GOVERNANCE and action in ("view", "change", "add_evidence"):
            return ALL
        if action not in ASSET_ACTIONS or (role == GlobalRole.AUDITOR and action != "view"):
            return NONE
        team_codename, grant_codenames = ASSET_ACTIONS[action]
        in_teams = role in (GlobalRole.MEMBER, GlobalRole.GOVERNANCE)
        scope = Q(team_id__in=team_ids_where(user, team_codename)) if in_teams else None
        if grant_codenames and _holds_asset_grants(user):
            granted = Q(pk__in=AssetUserObjectPermission.objects.filter(
                user=user, permission__codename__in=grant_codenames).values("content_object_id"))
            granted |= Q(pk__in=AssetGroupObjectPermission.objects.filter(
                group_id__in=user_group_ids(user), permission__codename__in=grant_codenames).values("content_object_id"))
            scope = granted if scope is None else scope | granted
        return NONE if scope is None else scope


def _holds_asset_grants(user) -> bool:
    """Whether any per-asset grant reaches the user, remembered on the user object (one request).

    Most members hold none; leaving the grant branches out then lets the database use the
    team index instead of scanning every asset to evaluate an OR of subqueries.
    """
    cached = getattr(user, "_attest_asset_grants", None)
    if cached is None:
        cached = (AssetUserObjectPermission.objects.filter(user=user).exists()
                  or AssetGroupObjectPermission.objects.filter(group_id__in=user_group_ids(user)).exists())
        user._attest_asset_grants = cached
    return cached


class AssetRelation(models.Model):
    """``source`` —type→ ``target``: e.g. a model is trained_on a dataset."""
    source = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="relations_out")
    type = models.CharField(max_length=20, choices=RelationType.choices)
    target = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="relations_in")
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["source_id", "type", "target_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "type", "target"], name="relation_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="relation_not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_type_display()} {self.target}"

    @classmethod
    def access_scope(cls, user, action: str):
        # Both ends must be visible, or a relation would leak the name of a hidden asset.
        visible = Asset.objects.restrict(user, "view").values("pk")
        if action == "view":
            return Q(source__in=visible, target__in=visible)
        return Q(source__in=Asset.objects.restrict(user, "change").values("pk"), target__in=visible)


class AssetUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Asset, on_delete=models.CASCADE)


class AssetGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Asset, on_delete=models.CASCADE)
