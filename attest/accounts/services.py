"""Writes for users, teams, memberships and tokens. Each records its audit event."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from attest.auditlog.services import record_event
from attest.rbac.roles import TEAM_ROLE_PERMISSIONS, GlobalRole, TeamRole, is_admin

from .models import ApiToken, Team, TeamGroupObjectPermission, TeamRoleGroup, User, hash_token_key


def _require_admin(actor) -> None:
    if actor is not None and not is_admin(actor):
        raise PermissionDenied("Only administrators can do this.")


def _user_snapshot(user: User) -> dict:
    return {"username": user.username, "email": user.email, "role": user.role, "is_active": user.is_active}


@transaction.atomic
def create_user(
    *, actor: User | None, username: str, password: str, email: str = "", role: str = GlobalRole.MEMBER,
    first_name: str = "", last_name: str = "",
) -> User:
    _require_admin(actor)
    if role not in GlobalRole.values:
        raise ValidationError({"role": f"Unknown role '{role}'. Use one of: {', '.join(GlobalRole.values)}."})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"A user named '{username}' already exists."})
    user = User(username=username, email=email, role=role, first_name=first_name, last_name=last_name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    user.save()
    record_event(actor=actor, action="user.created", obj=user, after=_user_snapshot(user))
    return user


@transaction.atomic
def create_sso_user(*, email: str, preferred_username: str = "", first_name: str = "", last_name: str = "") -> User:
    """A person who signed in through single sign-on: a member with no teams and no password."""
    base = _clean_username(preferred_username or email.split("@")[0])
    username, n = base, 1
    while User.objects.filter(username__iexact=username).exists():
        n += 1
        username = f"{base[:140]}-{n}"
    user = User(username=username, email=email, role=GlobalRole.MEMBER,
                first_name=first_name[:150], last_name=last_name[:150])
    user.set_unusable_password()  # signs in through the provider only
    user.save()
    record_event(actor=None, action="user.created", obj=user, after={**_user_snapshot(user), "source": "sso"})
    return user


def _clean_username(wanted: str) -> str:
    """Keep the characters Django usernames allow; fall back to 'user'."""
    cleaned = "".join(ch for ch in wanted if ch.isalnum() or ch in "@.+-_")[:140]
    return cleaned or "user"


@transaction.atomic
def update_user(*, actor: User | None, user: User, **changes) -> User:
    _require_admin(actor)
    before = _user_snapshot(user)
    allowed = {"email", "role", "first_name", "last_name", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    if "role" in changes and changes["role"] not in GlobalRole.values:
        raise ValidationError({"role": f"Unknown role. Use one of: {', '.join(GlobalRole.values)}."})
    for name, value in changes.items():
        setattr(user, name, value)
    user.save()
    record_event(actor=actor, action="user.updated", obj=user, before=before, after=_user_snapshot(user))
    return user


def _role_permissions() -> dict[str, Permission]:
    codenames = {c for perms in TEAM_ROLE_PERMISSIONS.values() for c in perms}
    perms = Permission.objects.filter(content_type__app_label="accounts", codename__in=codenames)
    return {p.codename: p for p in perms}


def _grant_role_permissions(role_group: TeamRoleGroup, perms: dict[str, Permission]) -> None:
    wanted = {perms[c].pk for c in TEAM_ROLE_PERMISSIONS[role_group.role] if c in perms}
    existing = TeamGroupObjectPermission.objects.filter(group=role_group.group, content_object=role_group.team)
    existing.exclude(permission_id__in=wanted).delete()
    have = set(existing.values_list("permission_id", flat=True))
    TeamGroupObjectPermission.objects.bulk_create(
        TeamGroupObjectPermission(group=role_group.group, content_object=role_group.team, permission_id=pid)
        for pid in wanted - have
    )


def sync_team_role_permissions() -> None:
    """Bring every team's role groups in line with TEAM_ROLE_PERMISSIONS (run on migrate)."""
    perms = _role_permissions()
    if not perms:
        return
    with transaction.atomic():
        for role_group in TeamRoleGroup.objects.select_related("team", "group"):
            _grant_role_permissions(role_group, perms)


@transaction.atomic
def create_team(*, actor: User | None, name: str, description: str = "") -> Team:
    _require_admin(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "A team needs a name."})
    if Team.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"A team named '{name}' already exists."})
    team = Team.objects.create(name=name, description=description)
    perms = _role_permissions()
    for role in TeamRole.values:
        group = Group.objects.create(name=f"team:{team.pk}:{role}")
        _grant_role_permissions(TeamRoleGroup.objects.create(team=team, role=role, group=group), perms)
    record_event(actor=actor, action="team.created", obj=team, after={"name": team.name, "description": description})
    return team


@transaction.atomic
def update_team(*, actor: User | None, team: Team, name: str | None = None, description: str | None = None) -> Team:
    _require_admin(actor)
    before = {"name": team.name, "description": team.description}
    if name is not None and name.strip() != team.name:
        if Team.objects.filter(name__iexact=name.strip()).exclude(pk=team.pk).exists():
            raise ValidationError({"name": f"A team named '{name}' already exists."})
        team.name = name.strip()
    if description is not None:
        team.description = description
    team.save()
    record_event(actor=actor, action="team.updated", obj=team, before=before,
                 after={"name": team.name, "description": team.description})
    return team


def _lock_team_for_members(actor: User | None, team: Team) -> Team:
    """Re-check, inside the transaction, that the actor may manage this team's members."""
    if actor is None:
        return team
    if not Team.objects.restrict(actor, "view").filter(pk=team.pk).exists():
        raise Http404
    locked = Team.objects.restrict(actor, "manage").select_for_update().filter(pk=team.pk).first()
    if locked is None:
        raise PermissionDenied("Only the team's owners and administrators can manage its members.")
    return locked


def team_role_of(*, team: Team, user: User) -> str | None:
    rg = TeamRoleGroup.objects.filter(team=team, group__user=user).first()
    return rg.role if rg else None


@transaction.atomic
def set_team_member(*, actor: User | None, team: Team, user: User, role: str) -> None:
    team = _lock_team_for_members(actor, team)
    if role not in TeamRole.values:
        raise ValidationError({"role": f"Unknown team role '{role}'. Use one of: {', '.join(TeamRole.values)}."})
    if user.role not in (GlobalRole.MEMBER, GlobalRole.GOVERNANCE) and not user.is_superuser:
        raise ValidationError({"user": f"{user.username} is an {user.role} account; only members and governance leads join teams."})
    previous = team_role_of(team=team, user=user)
    groups = {rg.role: rg.group for rg in TeamRoleGroup.objects.filter(team=team).select_related("group")}
    user.groups.remove(*[g for r, g in groups.items() if r != role])
    user.groups.add(groups[role])
    record_event(
        actor=actor, action="team.member_set", obj=team,
        before={"user": user.username, "role": previous}, after={"user": user.username, "role": role},
    )


@transaction.atomic
def remove_team_member(*, actor: User | None, team: Team, user: User) -> None:
    team = _lock_team_for_members(actor, team)
    previous = team_role_of(team=team, user=user)
    if previous is None:
        raise Http404
    user.groups.remove(*Group.objects.filter(team_role__team=team))
    record_event(actor=actor, action="team.member_removed", obj=team,
                 before={"user": user.username, "role": previous}, after=None)


@transaction.atomic
def issue_token(*, actor: User, user: User, name: str = "", ttl_days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the key, which is never stored."""
    if actor is not None and actor.pk != user.pk and not is_admin(actor):
        raise PermissionDenied("You can only create tokens for yourself.")
    key = "att_" + secrets.token_urlsafe(32)
    days = ttl_days if ttl_days is not None else settings.ATTEST_TOKEN_TTL_DAYS
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=key[:10], key_hash=hash_token_key(key),
        expires_at=timezone.now() + timedelta(days=days),
    )
    record_event(actor=actor or user, action="token.created", obj=token,
                 after={"user": user.username, "name": token.name, "expires_at": token.expires_at.isoformat()})
    return token, key


@transaction.atomic
def revoke_token(*, actor: User, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.restrict(actor, "change").select_for_update().filter(pk=token.pk).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record_event(actor=actor, action="token.revoked", obj=token, after={"user": token.user.username})
    return token


@transaction.atomic
def delete_team(*, actor: User | None, team: Team) -> None:
    _require_admin(actor)
    if team.assets.exists():
        raise ValidationError({"team": f"{team} still has {team.assets.count()} asset(s). Move or delete them first."})
    record_event(actor=actor, action="team.deleted", obj=team, before={"name": team.name})
    Group.objects.filter(team_role__team=team).delete()
    team.delete()
