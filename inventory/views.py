from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from attest.accounts.models import Team
from attest.core.models import Job
from attest.ui.panels import object_panels, render_context
from attest.ui.views import ObjectDeleteView, ObjectEditView, ObjectListView, RestrictedObjectMixin, _apply_errors

from . import services
from .csv_io import CsvFileError, decode_upload, export_rows, parse_assets_csv
from .filtersets import AssetFilterSet
from .forms import AssetForm, GrantForm, ImportUploadForm, RelationForm
from .models import Asset, AssetRelation
from .selectors import asset_grants, asset_history, asset_lineage
from .tables import AssetTable


class AssetListView(ObjectListView):
    queryset = Asset.objects.select_related("team", "owner")
    filterset_class = AssetFilterSet
    table_class = AssetTable
    title = "Assets"
    add_url_name = "inventory:asset_add"
    export_filename = "assets.csv"

    def export_rows(self, queryset):
        return export_rows(queryset)

    def can_add(self):
        if not hasattr(self, "_can_add"):
            self._can_add = Team.objects.restrict(self.request.user, "add_asset").exists()
        return self._can_add

    def extra_context(self):
        return {"import_url": reverse("inventory:asset_import") if self.can_add() else ""}


class AssetDetailView(RestrictedObjectMixin, View):
    queryset = Asset.objects.select_related("team", "owner")

    def get(self, request, pk):
        asset = self.get_object(pk)
        outgoing, incoming = asset_lineage(user=request.user, asset=asset)
        can_change = Asset.objects.restrict(request.user, "change").filter(pk=pk).exists()
        can_share = Asset.objects.restrict(request.user, "delete").filter(pk=pk).exists()
        context = {
            "object": asset,
            "title": asset.name,
            "kind_values": [(asset._meta.get_field(f).verbose_name, _display(asset, f)) for f in asset.kind_fields],
            "outgoing": outgoing,
            "incoming": incoming,
            "history": asset_history(user=request.user, asset=asset, limit=15),
            "can_change": can_change,
            "can_delete": can_share,
            "grants": asset_grants(asset=asset) if can_share else None,
            "grant_form": GrantForm(user=request.user) if can_share else None,
            "relation_form": RelationForm(user=request.user, source=asset) if can_change else None,
            # Tabs that higher layers (risk, compliance, reports) register for the asset page.
            "panels": render_context(object_panels.get("inventory.asset", []), request, asset),
        }
        return render(request, "inventory/asset_detail.html", context)


def _display(asset, name):
    display = getattr(asset, f"get_{name}_display", None)
    value = display() if display else getattr(asset, name)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value if value not in (None, "") else "—"


class AssetEditView(ObjectEditView):
    queryset = Asset.objects.all()
    form_class = AssetForm
    template_name = "inventory/asset_edit.html"
    model_label = "asset"

    def save(self, form, instance):
        if instance is None:
            return services.create_asset(actor=self.request.user, data=form.service_data())
        return services.update_asset(actor=self.request.user, asset=instance, data=form.service_data())


class AssetDeleteView(ObjectDeleteView):
    queryset = Asset.objects.all()
    success_url_name = "inventory:asset_list"

    def delete(self, obj):
        services.delete_asset(actor=self.request.user, asset=obj)


class RelationAddView(RestrictedObjectMixin, View):
    queryset = Asset.objects.all()

    def post(self, request, pk):
        asset = self.get_object(pk, "change")
        form = RelationForm(request.POST, user=request.user, source=asset)
        if form.is_valid():
            try:
                services.create_relation(actor=request.user, source=asset, type=form.cleaned_data["type"],
                                         target=form.cleaned_data["target"])
                messages.success(request, "Relation added.")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, "Choose a relation type and an asset you can see.")
        return HttpResponseRedirect(asset.get_absolute_url() + "#lineage")


class RelationDeleteView(LoginRequiredMixin, View):
    def post(self, request, pk):
        relation = AssetRelation.objects.restrict(request.user, "view").filter(pk=pk).first()
        if relation is None:
            raise Http404
        services.delete_relation(actor=request.user, relation=relation)
        messages.success(request, "Relation removed.")
        return HttpResponseRedirect(reverse("inventory:asset_detail", args=[relation.source_id]) + "#lineage")


class AssetGrantView(RestrictedObjectMixin, View):
    """Share the asset with one person, or take a grant back. Owners and admins."""

    queryset = Asset.objects.all()

    def post(self, request, pk):
        asset = self.get_object(pk, "delete")
        if "revoke_user" in request.POST:
            grant = next((g for g in asset_grants(asset=asset) if str(g["user"]) == request.POST["revoke_user"]
                          and g["permission"] == request.POST.get("revoke_permission")), None)
            if grant is None:
                raise Http404
            services.revoke_asset_access(actor=request.user, asset=asset, user=grant["user"],
                                         permission=grant["permission"])
            messages.success(request, f"{grant['username']} no longer has {grant['permission']}.")
        else:
            form = GrantForm(request.POST, user=request.user)
            if form.is_valid():
                try:
                    services.grant_asset_access(actor=request.user, asset=asset, **form.cleaned_data)
                    messages.success(request, f"Shared with {form.cleaned_data['user'].username}.")
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
            else:
                messages.error(request, "Choose a person and what they may do.")
        return HttpResponseRedirect(asset.get_absolute_url() + "#access")


class AssetImportView(LoginRequiredMixin, View):
    """Upload a CSV → preview every row with its errors → confirm → a worker imports all or nothing."""

    def get(self, request):
        return render(request, "inventory/asset_import.html", {"form": ImportUploadForm(), "title": "Import assets"})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = decode_upload(upload.read(upload.size + 1))
                parse_assets_csv(actor=request.user, text=text)
            except CsvFileError as exc:
                form.add_error("file", str(exc))
            else:
                job = services.upload_import(actor=request.user, text=text, filename=upload.name)
                return HttpResponseRedirect(reverse("inventory:asset_import_job", args=[job.pk]))
        return render(request, "inventory/asset_import.html", {"form": form, "title": "Import assets"}, status=400)


class AssetImportJobView(LoginRequiredMixin, View):
    def get_job(self, pk):
        job = Job.objects.restrict(self.request.user, "view").filter(pk=pk, kind=services.IMPORT_JOB).first()
        if job is None:
            raise Http404
        return job

    def get(self, request, pk):
        job = self.get_job(pk)
        rows, file_error = [], ""
        if job.status == "draft":
            try:
                rows = parse_assets_csv(actor=request.user, text=job.payload["csv"])
            except CsvFileError as exc:
                file_error = str(exc)
        template = "inventory/_import_status.html" if request.headers.get("HX-Request") else "inventory/asset_import_job.html"
        return render(request, template, {
            "job": job, "rows": rows, "file_error": file_error, "title": "Import assets",
            "error_count": sum(1 for r in rows if not r.ok),
        })

    def post(self, request, pk):
        job = self.get_job(pk)
        try:
            services.confirm_import(actor=request.user, job=job)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except CsvFileError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("inventory:asset_import_job", args=[job.pk]))
