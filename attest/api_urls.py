from django.urls import include, path
from rest_framework.routers import DefaultRouter

from attest.accounts.api.views import TeamViewSet, TokenView, UserViewSet
from attest.auditlog.api.views import AuditEventViewSet
from compliance.api.views import (
    AssetClassificationConfirmView, AssetClassificationView, AssetComplianceView, ControlImplementationViewSet,
    ControlViewSet, FrameworkViewSet,
)
from compliance.evidence.api import EvidenceSourceViewSet, EvidenceViewSet, TrustedKeyViewSet
from inventory.api.views import AssetViewSet
from reports.api.views import AuditPackViewSet, EngagementViewSet, SigningKeyView
from reports.modelcards.api import ModelCardView
from risk.api.views import AssetThreatModelView, AssetThreatViewSet, RiskViewSet, ThreatCatalogViewSet

app_name = "api"

router = DefaultRouter()
router.register("users", UserViewSet, basename="user")
router.register("teams", TeamViewSet, basename="team")
router.register("assets", AssetViewSet, basename="asset")
router.register("audit-log", AuditEventViewSet, basename="auditevent")
router.register("frameworks", FrameworkViewSet, basename="framework")
router.register("controls", ControlViewSet, basename="control")
router.register("control-implementations", ControlImplementationViewSet, basename="controlimplementation")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("evidence-sources", EvidenceSourceViewSet, basename="evidencesource")
router.register("trusted-keys", TrustedKeyViewSet, basename="trustedkey")
router.register("threat-catalog", ThreatCatalogViewSet, basename="threat")
router.register("threats", AssetThreatViewSet, basename="assetthreat")
router.register("risks", RiskViewSet, basename="risk")
router.register("audit-packs", AuditPackViewSet, basename="auditpack")
router.register("engagements", EngagementViewSet, basename="engagement")

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="auth-token"),
    path("assets/<int:pk>/classification/", AssetClassificationView.as_view(), name="asset-classification"),
    path("assets/<int:pk>/classification/confirm/", AssetClassificationConfirmView.as_view(),
         name="asset-classification-confirm"),
    path("assets/<int:pk>/compliance/", AssetComplianceView.as_view(), name="asset-compliance"),
    path("assets/<int:pk>/threat-model/", AssetThreatModelView.as_view(), name="asset-threat-model"),
    path("assets/<int:pk>/model-card/", ModelCardView.as_view(), name="asset-model-card"),
    path("signing-key/", SigningKeyView.as_view(), name="signing-key"),
    path("", include(router.urls)),
]
