from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("api/v1/", include("attest.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
    path("assets/", include("inventory.urls")),
    path("compliance/", include("compliance.urls")),
    path("risks/", include("risk.urls")),
    path("audit-packs/", include("reports.urls")),
    path("", include("attest.ui.urls")),
]

handler400 = "attest.core.views.bad_request"
handler403 = "attest.core.views.permission_denied"
handler404 = "attest.core.views.not_found"
handler500 = "attest.core.views.server_error"
