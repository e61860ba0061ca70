from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from attest import signing
from attest.rbac.roles import role_of
from attest.ui.views import ObjectListView, RestrictedObjectMixin, _apply_errors

from . import services
from .choices import PackStatus
from .filtersets import AuditPackFilterSet, EngagementFilterSet
from .forms import AuditPackForm, EngagementForm
from .models import AuditPack, Engagement
from .tables import AuditPackTable, EngagementTable

PACKS = AuditPack.objects.select_related("job", "created_by", "engagement").prefetch_related("assets")


class AuditPackListView(ObjectListView):
    queryset = PACKS
    filterset_class = AuditPackFilterSet
    table_class = AuditPackTable
    title = "Audit packs"
    add_url_name = "reports:pack_new"

    def can_add(self):
        return role_of(self.request.user) in services.PACK_BUILDERS

    def extra_context(self):
        return {"template_extra": "reports/_pack_list_intro.html"}


class _FormView(LoginRequiredMixin, View):
    """A form whose valid data goes to one service; its ValidationErrors land on the form."""

    form_class = None
    template_name = "generic/object_edit.html"
    title = ""

    def allowed(self) -> bool:
        return True

    def get(self, request):
        if not self.allowed():
            raise PermissionDenied
        form = self.form_class(user=request.user, initial=request.GET.dict())
        return render(request, self.template_name, {"form": form, "title": self.title})

    def post(self, request):
        if not self.allowed():
            raise PermissionDenied
        form = self.form_class(request.POST, user=request.user)
        if form.is_valid():
            try:
                obj = self.save(form)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                return HttpResponseRedirect(obj.get_absolute_url())
        return render(request, self.template_name, {"form": form, "title": self.title}, status=400)


class AuditPackCreateView(_FormView):
    form_class = AuditPackForm
    title = "New audit pack"

    def allowed(self):
        return role_of(self.request.user) in services.PACK_BUILDERS

    def save(self, form):
        data = form.cleaned_data
        pack = services.request_pack(actor=self.request.user, title=data["title"], as_of=data["as_of"],
                                     since=data["since"], engagement_id=data["engagement"].pk if data["engagement"] else None,
                                     **form.scope_kwargs())
        messages.success(self.request, "The pack is queued; a worker builds it. This page follows its progress.")
        return pack


class AuditPackDetailView(RestrictedObjectMixin, View):
    queryset = PACKS

    def get(self, request, pk):
        pack = self.get_object(pk)
        context = {"pack": pack, "title": pack.title,
                   "can_retry": AuditPack.objects.restrict(request.user, "change").filter(pk=pk).exists(),
                   "key_fingerprint": signing.fingerprint()}
        if request.headers.get("HX-Request"):
            return render(request, "reports/_pack_status.html", context)
        return render(request, "reports/pack_detail.html", context)


class AuditPackRetryView(RestrictedObjectMixin, View):
    queryset = PACKS

    def post(self, request, pk):
        pack = self.get_object(pk, "change")
        try:
            services.retry_pack(actor=request.user, pack=pack)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "The pack is queued again.")
        return HttpResponseRedirect(pack.get_absolute_url())


class AuditPackDownloadView(RestrictedObjectMixin, View):
    queryset = PACKS
    field = ""
    content_type = ""

    def get(self, request, pk):
        pack = self.get_object(pk)
        if pack.status != PackStatus.READY:
            return HttpResponse(f"The pack is not ready ({pack.status}).", status=409, content_type="text/plain")
        return FileResponse(getattr(pack, self.field).open("rb"), as_attachment=True, content_type=self.content_type,
                            filename=f"attest-pack-{pack.pk}.{self.field}")


class EngagementListView(ObjectListView):
    queryset = Engagement.objects.select_related("auditor").prefetch_related("assets")
    filterset_class = EngagementFilterSet
    table_class = EngagementTable
    title = "Auditor engagements"
    add_url_name = "reports:engagement_new"

    def can_add(self):
        return role_of(self.request.user) in ("admin", "governance")


class EngagementCreateView(_FormView):
    form_class = EngagementForm
    title = "New auditor engagement"

    def allowed(self):
        return role_of(self.request.user) in ("admin", "governance")

    def save(self, form):
        data = form.cleaned_data
        engagement = services.create_engagement(actor=self.request.user, name=data["name"], auditor=data["auditor"],
                                                period_start=data["period_start"], period_end=data["period_end"],
                                                **form.scope_kwargs())
        messages.success(self.request, f"{data['auditor']} can now read the engagement's assets.")
        return engagement


class EngagementDetailView(RestrictedObjectMixin, View):
    queryset = Engagement.objects.select_related("auditor", "created_by")

    def get(self, request, pk):
        engagement = self.get_object(pk)
        packs = AuditPack.objects.restrict(request.user, "view").filter(engagement=engagement).select_related("job")
        return render(request, "reports/engagement_detail.html", {
            "engagement": engagement, "title": engagement.name, "packs": packs,
            "assets": engagement.assets.all().restrict(request.user, "view").select_related("team"),
            "can_change": Engagement.objects.restrict(request.user, "change").filter(pk=pk).exists(),
        })


class EngagementEndView(RestrictedObjectMixin, View):
    queryset = Engagement.objects.all()

    def post(self, request, pk):
        engagement = self.get_object(pk, "change")
        services.end_engagement(actor=request.user, engagement=engagement)
        messages.success(request, f"Ended. {engagement.auditor} no longer sees its assets through it.")
        return HttpResponseRedirect(engagement.get_absolute_url())
