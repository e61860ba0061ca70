from django.urls import path

from . import views

app_name = "inventory"

urlpatterns = [
    path("", views.AssetListView.as_view(), name="asset_list"),
    path("add/", views.AssetEditView.as_view(), name="asset_add"),
    path("import/", views.AssetImportView.as_view(), name="asset_import"),
    path("import/<int:pk>/", views.AssetImportJobView.as_view(), name="asset_import_job"),
    path("<int:pk>/", views.AssetDetailView.as_view(), name="asset_detail"),
    path("<int:pk>/edit/", views.AssetEditView.as_view(), name="asset_edit"),
    path("<int:pk>/delete/", views.AssetDeleteView.as_view(), name="asset_delete"),
    path("<int:pk>/access/", views.AssetGrantView.as_view(), name="asset_access"),
    path("<int:pk>/relations/add/", views.RelationAddView.as_view(), name="relation_add"),
    path("relations/<int:pk>/delete/", views.RelationDeleteView.as_view(), name="relation_delete"),
]
