import hashlib

from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.db import models
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from attest.rbac.querysets import ALL, NONE, RestrictedQuerySet
from attest.rbac.roles import GlobalRole, TeamRole, is_admin, role_of, sees_everything


def user_group_ids(user):
    """Subquery: the user's group ids, read from the membership table alone (no join to auth_group)."""
    return User.groups.through.objects.filter(user_id=user.pk).values("group_id")


def team_ids_where(user, codename: str):
    """Subquery: ids of the teams on which one of the user's role groups holds ``codename``."""
    return TeamGroupObjectPermission.objects.filter(
        group_id__in=user_group_ids(user), permission__codename=codename
    ).values("content_object_id")


class UserQuerySet(RestrictedQuerySet):
    pass


class AttestUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    role = models.CharField(max_length=16, choices=GlobalRole.choices, default=GlobalRole.MEMBER)

    objects = AttestUserManager()

    class Meta:
        ordering = ["username"]

    @property
    def global_role(self) -> str | None:
        return role_of(self)

    @classmethod
    def access_scope(cls, user, action: str):
        if is_admin(user):
            return ALL
        if action == "invite":
            # The directory a team owner picks from to add members or share an asset.
            if role_of(user) == GlobalRole.GOVERNANCE or team_ids_where(user, "manage_team_members").exists():
                return models.Q(is_active=True)
            return NONE
        if action != "view":
            return NONE
        if sees_everything(user):
            return ALL
        # Yourself and the people who share a team with you.
        my_team_groups = TeamRoleGroup.objects.filter(
            team_id__in=TeamRoleGroup.objects.filter(group__user=user).values("team_id")
        ).values("group_id")
        teammates = User.groups.through.objects.filter(group_id__in=my_team_groups).values("user_id")
        return models.Q(pk=user.pk) | models.Q(pk__in=teammates)


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_team_assets", "View the team's assets"),
            ("add_team_asset", "Register assets in the team"),
            ("change_team_assets", "Edit the team's assets"),
            ("delete_team_assets", "Delete the team's assets"),
            ("add_team_evidence", "Attach evidence to the team's assets"),
            ("manage_team_members", "Add, change and remove members"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("team_detail", args=[self.pk])

    # Team actions → the team permission a member needs (admins and governance need none).
    ACTION_CODENAMES = {"view": "view_team", "add_asset": "add_team_asset", "manage": "manage_team_members"}

    @classmethod
    def access_scope(cls, user, action: str):
        if is_admin(user):
            return ALL
        if action in ("view", "add_asset") and role_of(user) == GlobalRole.GOVERNANCE:
            return ALL
        codename = cls.ACTION_CODENAMES.get(action)
        if codename is None or role_of(user) not in (GlobalRole.MEMBER, GlobalRole.GOVERNANCE):
            return NONE
        return models.Q(pk__in=team_ids_where(user, codename))


class TeamRoleGroup(models.Model):
    """The auth group that holds one role on one team; membership is being in the group."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=16, choices=TeamRole.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="team_role")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "role"], name="one_group_per_team_role")]

    def __str__(self) -> str:
        return f"{self.team} / {self.role}"


class TeamUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Team, on_delete=models.CASCADE)


class TeamGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Team, on_delete=models.CASCADE)


def hash_token_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """An API token. Only its SHA-256 is stored; the key is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or 'token'})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def access_scope(cls, user, action: str):
        if is_admin(user):
            return ALL
        return models.Q(user=user)
