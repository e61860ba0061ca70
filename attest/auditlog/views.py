from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from attest.rbac.roles import GlobalRole, role_of

from .models import AuditEvent


@login_required
def audit_log(request):
    if role_of(request.user) not in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE, GlobalRole.AUDITOR):
        raise PermissionDenied
    events = AuditEvent.objects.restrict(request.user, "view").select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "auditlog/audit_log.html", {"title": "Audit log", "page": page, "action": action})
