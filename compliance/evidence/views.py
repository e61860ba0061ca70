from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from attest.accounts.models import Team
from attest.ui.views import RestrictedObjectMixin
from inventory.models import Asset

from . import services
from .models import EvidenceItem, EvidenceSource, KeyAlgorithm, TrustedKey


class EvidenceDetailView(RestrictedObjectMixin, View):
    queryset = EvidenceItem.objects.select_related("asset", "control_implementation__control", "trusted_key")

    def get(self, request, pk):
        item = self.get_object(pk)
        return render(request, "compliance/evidence_detail.html", {"title": item.title, "object": item})


class EvidenceDownloadView(RestrictedObjectMixin, View):
    queryset = EvidenceItem.objects.all()

    def get(self, request, pk):
        item = self.get_object(pk)
        response = FileResponse(item.file.open("rb"), as_attachment=True, filename=item.filename or f"evidence-{item.pk}")
        response["X-Content-SHA256"] = item.sha256
        return response


class EvidenceUploadView(RestrictedObjectMixin, View):
    """Browser upload (drag and drop or file picker). Answers JSON to the page's script, or redirects."""

    queryset = Asset.objects.all()

    def post(self, request, pk):
        asset = self.get_object(pk, "add_evidence")
        upload = request.FILES.get("file")
        wants_json = request.headers.get("Accept", "").startswith("application/json")
        try:
            if upload is None:
                raise ValidationError({"file": "Choose a file."})
            if upload.size > services.settings.ATTEST_EVIDENCE_MAX_BYTES:
                raise services.EvidenceTooLarge(f"The file is {upload.size:,} bytes; the limit is "
                                                f"{services.settings.ATTEST_EVIDENCE_MAX_BYTES:,}.")
            impl = request.POST.get("control_implementation") or None
            if impl is not None and not impl.isdigit():
                raise ValidationError({"control_implementation": "Choose a control from the list."})
            item = services.ingest_evidence(
                actor=request.user, asset=asset, kind=request.POST.get("kind", "document"),
                title=request.POST.get("title") or upload.name, data=upload.read(), filename=upload.name,
                media_type=upload.content_type or "", control_implementation=int(impl) if impl else None,
                source="upload").item
        except (ValidationError, services.EvidenceTooLarge, services.EvidenceConflict) as exc:
            message = " ".join(getattr(exc, "messages", [str(exc)]))
            if wants_json:
                return JsonResponse({"detail": message}, status=413 if isinstance(exc, services.EvidenceTooLarge) else 400)
            messages.error(request, message)
            return HttpResponseRedirect(asset.get_absolute_url() + "#evidence")
        if wants_json:
            return JsonResponse({"id": item.pk, "status": item.status, "url": item.get_absolute_url()}, status=201)
        messages.success(request, f"Stored {item.title}: {item.get_status_display().lower()}.")
        return HttpResponseRedirect(asset.get_absolute_url() + "#evidence")


class SourceActionView(RestrictedObjectMixin, View):
    """Add a source, or collect one now, from the asset page."""

    queryset = Asset.objects.all()

    def post(self, request, pk):
        asset = self.get_object(pk, "change")
        try:
            if "collect" in request.POST:
                source = EvidenceSource.objects.restrict(request.user, "change").filter(
                    pk=request.POST["collect"], asset=asset).first()
                if source is None:
                    raise Http404
                job = services.request_collection(actor=request.user, source=source)
                messages.success(request, f"Collection of {source.name} queued (job {job.pk}).")
            else:
                services.save_source(actor=request.user, asset=asset, name=request.POST.get("name", "").strip() or "source",
                                     kind=request.POST.get("kind", ""), url=request.POST.get("url", "").strip(),
                                     interval_minutes=int(request.POST.get("interval_minutes") or 60),
                                     auth_header=request.POST.get("auth_header") or None)
                messages.success(request, "Source added; it is collected on its interval.")
        except (ValidationError, ValueError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return HttpResponseRedirect(asset.get_absolute_url() + "#evidence")


class TrustedKeyListView(LoginRequiredMixin, View):
    def get(self, request):
        keys = TrustedKey.objects.restrict(request.user, "view").select_related("team")
        teams = Team.objects.restrict(request.user, "manage")
        return render(request, "compliance/trusted_keys.html", {
            "title": "Trusted keys", "keys": keys, "algorithms": KeyAlgorithm.choices, "teams": teams})

    def post(self, request):
        try:
            if "revoke" in request.POST:
                key = TrustedKey.objects.restrict(request.user, "view").filter(pk=request.POST["revoke"]).first()
                if key is None:
                    raise Http404
                services.revoke_trusted_key(actor=request.user, key=key)
                messages.success(request, f"Revoked {key.name}.")
            else:
                team = None
                if request.POST.get("team"):
                    team = Team.objects.restrict(request.user, "view").filter(pk=request.POST["team"]).first()
                    if team is None:
                        raise Http404  # out of scope: not "choose your team" for a global key
                services.register_trusted_key(actor=request.user, name=request.POST.get("name", ""),
                                              algorithm=request.POST.get("algorithm", ""),
                                              public_key_pem=request.POST.get("public_key_pem", ""), team=team)
                messages.success(request, "Key registered.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        # PermissionDenied propagates: in scope but not allowed is a 403, as everywhere else.
        return HttpResponseRedirect(reverse("compliance:trusted_key_list"))
