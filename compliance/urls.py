from django.urls import path

from . import views
from .evidence import views as evidence

app_name = "compliance"

urlpatterns = [
    path("", views.CoverageView.as_view(), name="coverage"),
    path("frameworks/<int:pk>/", views.FrameworkDetailView.as_view(), name="framework_detail"),
    path("controls/", views.ControlListView.as_view(), name="control_list"),
    path("controls/add/", views.ControlEditView.as_view(), name="control_add"),
    path("controls/<int:pk>/", views.ControlDetailView.as_view(), name="control_detail"),
    path("controls/<int:pk>/edit/", views.ControlEditView.as_view(), name="control_edit"),
    path("implementations/", views.ImplementationListView.as_view(), name="implementation_list"),
    path("assets/<int:pk>/", views.AssetComplianceView.as_view(), name="asset_compliance"),
    path("assets/<int:pk>/controls/<int:control_id>/", views.ImplementationSetView.as_view(), name="implementation_set"),
    path("assets/<int:pk>/classification/", views.ClassificationView.as_view(), name="classification"),
    path("assets/<int:pk>/evidence/", evidence.EvidenceUploadView.as_view(), name="evidence_upload"),
    path("assets/<int:pk>/evidence-sources/", evidence.SourceActionView.as_view(), name="evidence_source_action"),
    path("evidence/<int:pk>/", evidence.EvidenceDetailView.as_view(), name="evidence_detail"),
    path("evidence/<int:pk>/download/", evidence.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("trusted-keys/", evidence.TrustedKeyListView.as_view(), name="trusted_key_list"),
]
