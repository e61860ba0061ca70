"""Demo people and teams. Idempotent: running it again changes nothing."""

from attest.rbac.roles import GlobalRole, TeamRole

from . import services
from .models import Team, User

DEMO_PASSWORD = "attest-demo-2026"

DEMO_USERS = [
    # username, role, team memberships, what they are for
    ("admin", GlobalRole.ADMIN, {}, "administrator (Django superuser)"),
    ("grace", GlobalRole.GOVERNANCE, {}, "governance lead"),
    ("audrey", GlobalRole.AUDITOR, {}, "auditor (sees what she is granted)"),
    ("mia", GlobalRole.MEMBER, {"Fraud Analytics": TeamRole.OWNER}, "owner of Fraud Analytics"),
    ("theo", GlobalRole.MEMBER, {"Customer Experience": TeamRole.OWNER, "Fraud Analytics": TeamRole.VIEWER},
     "owner of Customer Experience, viewer in Fraud Analytics"),
    ("lena", GlobalRole.MEMBER, {"Credit Risk": TeamRole.CONTRIBUTOR}, "contributor in Credit Risk"),
    ("ci-bot", GlobalRole.INTEGRATION, {}, "integration (pushes evidence for granted assets)"),
]

DEMO_TEAMS = [
    ("Fraud Analytics", "Transaction fraud detection models and their data."),
    ("Customer Experience", "Customer-facing assistants and recommendations."),
    ("Credit Risk", "Credit scoring for retail lending."),
]


def build(ctx: dict, log) -> None:
    teams = {}
    for name, description in DEMO_TEAMS:
        team = Team.objects.filter(name=name).first() or services.create_team(actor=None, name=name, description=description)
        teams[name] = team
    users = {}
    for username, role, memberships, purpose in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = services.create_user(actor=None, username=username, password=DEMO_PASSWORD, role=role,
                                        email=f"{username}@example.org")
            if role == GlobalRole.ADMIN:
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        for team_name, team_role in memberships.items():
            if services.team_role_of(team=teams[team_name], user=user) != team_role:
                services.set_team_member(actor=None, team=teams[team_name], user=user, role=team_role)
        users[username] = user
    ctx["teams"], ctx["users"] = teams, users
    ctx.setdefault("logins", []).extend((u, DEMO_PASSWORD, purpose) for u, _, _, purpose in DEMO_USERS)
