"""Built-in roles. They are code: ``sync_team_role_permissions`` applies them on migrate."""

from django.db import models


class GlobalRole(models.TextChoices):
    ADMIN = "admin", "Administrator"
    GOVERNANCE = "governance", "Governance lead"
    AUDITOR = "auditor", "Auditor"
    MEMBER = "member", "Team member"
    INTEGRATION = "integration", "Integration"


class TeamRole(models.TextChoices):
    OWNER = "owner", "Owner"
    CONTRIBUTOR = "contributor", "Contributor"
    VIEWER = "viewer", "Viewer"


# Object permissions (codenames on Team) that each team role holds on its team.
_VIEWER = ["view_team", "view_team_assets"]
_CONTRIBUTOR = _VIEWER + ["add_team_asset", "change_team_assets", "add_team_evidence"]
_OWNER = _CONTRIBUTOR + ["delete_team_assets", "manage_team_members"]
TEAM_ROLE_PERMISSIONS: dict[str, list[str]] = {
    TeamRole.VIEWER: _VIEWER,
    TeamRole.CONTRIBUTOR: _CONTRIBUTOR,
    TeamRole.OWNER: _OWNER,
}

# What each action on an asset needs: the team permission, and the per-asset grants
# (sharing, auditor engagements, integration tokens) that also allow it.
ASSET_ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "view": ("view_team_assets", ("view_asset", "change_asset", "add_evidence")),
    "change": ("change_team_assets", ("change_asset",)),
    "delete": ("delete_team_assets", ()),
    "add_evidence": ("add_team_evidence", ("add_evidence", "change_asset")),
}


def role_of(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return GlobalRole.ADMIN
    return getattr(user, "role", GlobalRole.MEMBER)


def is_admin(user) -> bool:
    return role_of(user) == GlobalRole.ADMIN


def sees_everything(user) -> bool:
    """Admins and governance leads read the whole inventory."""
    return role_of(user) in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE)
