from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from attest.auditlog.models import AuditEvent

from .panels import dashboard_panels, render_context


@login_required
def dashboard(request):
    recent = AuditEvent.objects.restrict(request.user, "view").select_related("actor")[:10]
    return render(request, "dashboard.html", {
        "title": "Dashboard",
        "panels": render_context(dashboard_panels, request),
        "recent_events": recent,
    })
