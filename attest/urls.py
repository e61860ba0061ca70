from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("api/v1/", include("attest.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's initialiser as a script file: the CSP forbids inline scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
         name="api-docs"),
    path("oidc/", include("attest.accounts.sso_urls")),
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
