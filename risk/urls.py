from django.urls import path

from . import views

app_name = "risk"

urlpatterns = [
    path("", views.RiskListView.as_view(), name="risk_list"),
    path("<int:pk>/", views.RiskDetailView.as_view(), name="risk_detail"),
    path("threats/", views.ThreatListView.as_view(), name="threat_list"),
    path("threats/<int:pk>/", views.ThreatDetailView.as_view(), name="threat_detail"),
    path("assets/<int:pk>/threat-model/", views.ThreatModelActionView.as_view(), name="threat_model_action"),
]
