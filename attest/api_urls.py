from django.urls import include, path
from rest_framework.routers import DefaultRouter

from attest.accounts.api.views import TeamViewSet, TokenView, UserViewSet
from attest.auditlog.api.views import AuditEventViewSet
from inventory.api.views import AssetViewSet

app_name = "api"

router = DefaultRouter()
router.register("users", UserViewSet, basename="user")
router.register("teams", TeamViewSet, basename="team")
router.register("assets", AssetViewSet, basename="asset")
router.register("audit-log", AuditEventViewSet, basename="auditevent")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("", include(router.urls)),
]
