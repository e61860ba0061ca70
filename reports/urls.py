from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.AuditPackListView.as_view(), name="pack_list"),
    path("new/", views.AuditPackCreateView.as_view(), name="pack_new"),
    path("<int:pk>/", views.AuditPackDetailView.as_view(), name="pack_detail"),
    path("<int:pk>/retry/", views.AuditPackRetryView.as_view(), name="pack_retry"),
    path("<int:pk>/pdf/", views.AuditPackDownloadView.as_view(field="pdf", content_type="application/pdf"), name="pack_pdf"),
    path("<int:pk>/zip/", views.AuditPackDownloadView.as_view(field="zip", content_type="application/zip"), name="pack_zip"),
    path("engagements/", views.EngagementListView.as_view(), name="engagement_list"),
    path("engagements/new/", views.EngagementCreateView.as_view(), name="engagement_new"),
    path("engagements/<int:pk>/", views.EngagementDetailView.as_view(), name="engagement_detail"),
    path("engagements/<int:pk>/end/", views.EngagementEndView.as_view(), name="engagement_end"),
]
