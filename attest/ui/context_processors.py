from attest.rbac.roles import GlobalRole, role_of

from .panels import nav_items


def navigation(request):
    role = role_of(getattr(request, "user", None))
    return {
        "user_role": role,
        "can_read_audit_log": role in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE, GlobalRole.AUDITOR),
        "is_admin_user": role == GlobalRole.ADMIN,
        "nav_items": nav_items,
    }
