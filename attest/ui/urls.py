from django.contrib.auth import views as auth_views
from django.urls import path

from attest.accounts import views as accounts
from attest.auditlog import views as auditlog

from .dashboard import dashboard

urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", accounts.account, name="account"),
    path("teams/", accounts.TeamListView.as_view(), name="team_list"),
    path("teams/add/", accounts.TeamEditView.as_view(), name="team_add"),
    path("teams/<int:pk>/", accounts.TeamDetailView.as_view(), name="team_detail"),
    path("teams/<int:pk>/edit/", accounts.TeamEditView.as_view(), name="team_edit"),
    path("users/", accounts.user_list, name="user_list"),
    path("audit-log/", auditlog.audit_log, name="audit_log"),
]
