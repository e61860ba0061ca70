from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from attest.accounts.models import Team
from attest.rbac.roles import GlobalRole, role_of
from attest.ui.charts import coverage_bars
from attest.ui.views import ObjectEditView, ObjectListView, RestrictedObjectMixin, _apply_errors
from inventory.models import Asset

from . import classification as engine
from . import services
from .applicability import ASSESSED_KINDS
from .choices import ControlStrength
from .filtersets import ControlFilterSet, ControlImplementationFilterSet
from .forms import ClassificationForm, ControlForm, ImplementationForm
from .models import Classification, Control, ControlImplementation, EvidenceItem, Framework, Requirement
from .selectors import asset_checklist, asset_compliance, current_classification, framework_coverage
from .tables import ControlTable, ImplementationTable


def is_governance(user) -> bool:
    return role_of(user) in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE)


class CoverageView(LoginRequiredMixin, View):
    """Coverage per framework for the assets the user sees, or for one team."""

    def get(self, request):
        assets = Asset.objects.restrict(request.user, "view")
        teams = Team.objects.restrict(request.user, "view")
        team = None
        if request.GET.get("team"):
            team = teams.filter(pk=request.GET["team"]).first()
            if team is None:
                raise Http404
            assets = assets.filter(team=team)
        coverage = framework_coverage(assets=assets)
        return render(request, "compliance/coverage.html", {
            "title": "Compliance coverage", "coverage": coverage, "teams": teams, "team": team,
            "chart": coverage_bars([(c.framework.short_name, c.implemented, c.applicable) for c in coverage],
                                   title="Requirements covered by implemented controls"),
        })


class FrameworkDetailView(RestrictedObjectMixin, View):
    queryset = Framework.objects.all()

    def get(self, request, pk):
        framework = self.get_object(pk)
        requirements = (Requirement.objects.restrict(request.user, "view").filter(framework=framework)
                        .annotate(control_count=Count("mappings")).select_related("parent"))
        return render(request, "compliance/framework_detail.html", {
            "title": framework.name, "object": framework, "requirements": requirements})


class ControlListView(ObjectListView):
    queryset = Control.objects.annotate(requirement_count=Count("mappings"))
    filterset_class = ControlFilterSet
    table_class = ControlTable
    title = "Control library"
    add_url_name = "compliance:control_add"

    def can_add(self):
        return is_governance(self.request.user)


class ControlDetailView(RestrictedObjectMixin, View):
    queryset = Control.objects.all()

    def get(self, request, pk):
        control = self.get_object(pk)
        by_framework: dict = {}
        for mapping in control.mappings.select_related("requirement__framework").order_by(
                "requirement__framework__name", "requirement__sort_key"):
            by_framework.setdefault(mapping.requirement.framework, []).append(mapping)
        implementations = (ControlImplementation.objects.restrict(request.user, "view").filter(control=control)
                           .select_related("asset"))
        can_edit = is_governance(request.user)
        evidence = (EvidenceItem.objects.restrict(request.user, "view")
                    .filter(control_implementation__control=control).select_related("asset")[:50])
        return render(request, "compliance/control_detail.html", {
            "evidence": evidence,
            "title": str(control), "object": control, "by_framework": by_framework.items(),
            "implementations": implementations, "can_edit": can_edit,
            "requirements": Requirement.objects.filter(kind__in=ASSESSED_KINDS).select_related("framework")
            if can_edit else None,
            "strengths": ControlStrength.choices})

    def post(self, request, pk):
        control = self.get_object(pk, "change")
        requirement = Requirement.objects.filter(pk=request.POST.get("requirement") or 0).first()
        if requirement is None:
            messages.error(request, "Choose a requirement.")
            return HttpResponseRedirect(control.get_absolute_url())
        strength = None if "remove" in request.POST else request.POST.get("strength", "")
        try:
            services.set_control_mapping(actor=request.user, control=control, requirement=requirement, strength=strength)
            messages.success(request, f"{'Removed' if strength is None else 'Saved'} the mapping to {requirement}.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(control.get_absolute_url())


class ControlEditView(ObjectEditView):
    queryset = Control.objects.all()
    form_class = ControlForm
    model_label = "control"

    def can_create(self):
        return is_governance(self.request.user)

    def save(self, form, instance):
        data = dict(form.cleaned_data)
        if instance is None:
            return services.create_control(actor=self.request.user, data=data)
        return services.update_control(actor=self.request.user, control=instance, data=data)


class ImplementationListView(ObjectListView):
    queryset = ControlImplementation.objects.select_related("control", "asset", "owner")
    filterset_class = ControlImplementationFilterSet
    table_class = ImplementationTable
    title = "Control implementations"


class ImplementationSetView(RestrictedObjectMixin, View):
    """Set a control's status on an asset (from the asset page's checklist)."""

    queryset = Asset.objects.all()

    def post(self, request, pk, control_id):
        asset = self.get_object(pk, "change")
        control = Control.objects.restrict(request.user, "view").filter(pk=control_id).first()
        if control is None:
            raise Http404
        form = ImplementationForm(request.POST, user=request.user)
        if form.is_valid():
            current = ControlImplementation.objects.filter(asset=asset, control=control).first()
            data = dict(form.cleaned_data)
            if current:  # the checklist posts status and reason only; keep what it does not show
                data["owner"] = data.get("owner") or current.owner
                data["due_date"] = data.get("due_date") or current.due_date
                data["notes"] = current.notes
            try:
                services.set_implementation(actor=request.user, asset=asset, control=control, **data)
                messages.success(request, f"{control.code} is now {form.cleaned_data['status'].replace('_', ' ')}.")
            except ValidationError as exc:
                messages.error(request, f"{control.code}: {' '.join(exc.messages)}")
        else:
            messages.error(request, f"{control.code}: choose a status.")
        return HttpResponseRedirect(asset.get_absolute_url() + "#controls")


class ClassificationView(RestrictedObjectMixin, View):
    """The AI Act questionnaire and decision record of one system."""

    queryset = Asset.objects.all()

    def context(self, asset, form=None):
        record = current_classification(asset=asset)
        can_answer = Asset.objects.restrict(self.request.user, "change").filter(pk=asset.pk).exists()
        history = list(Classification.objects.restrict(self.request.user, "view").filter(asset=asset)
                       .select_related("created_by", "confirmed_by").order_by("-version"))
        for newer, older in zip(history, history[1:]):
            newer.changed_answers = [f"{k}: {older.answers.get(k)} → {v}" for k, v in newer.answers.items()
                                     if older.answers.get(k) != v]
        return {
            "title": f"AI Act classification: {asset.name}", "object": asset, "record": record,
            "history": history,
            "form": form or (ClassificationForm(questions=engine.QUESTIONS,
                                                initial_answers=record.answers if record else None)
                             if can_answer else None),
            "can_confirm": is_governance(self.request.user) and record is not None
                           and record.status == "proposed",
        }

    def get(self, request, pk):
        asset = self.get_object(pk)
        if asset.kind != "system":
            raise Http404
        return render(request, "compliance/classification.html", self.context(asset))

    def post(self, request, pk):
        asset = self.get_object(pk)
        if "confirm" in request.POST:
            try:
                services.confirm_classification(actor=request.user, asset=asset)
                messages.success(request, "Classification confirmed.")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(request.path)
        asset = self.get_object(pk, "change")
        form = ClassificationForm(request.POST, questions=engine.QUESTIONS)
        if form.is_valid():
            try:
                record = services.classify_system(actor=request.user, asset=asset, answers=form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"Recorded version {record.version}: {record.get_tier_display()}.")
                return HttpResponseRedirect(request.path)
        return render(request, "compliance/classification.html", self.context(asset, form), status=400)


class AssetComplianceView(RestrictedObjectMixin, View):
    queryset = Asset.objects.all()

    def get(self, request, pk):
        asset = self.get_object(pk)
        can_change = Asset.objects.restrict(request.user, "change").filter(pk=pk).exists()
        return render(request, "compliance/asset_compliance.html", {
            "title": f"Compliance: {asset.name}", "object": asset, **asset_compliance(asset=asset),
            "checklist": asset_checklist(asset=asset), "can_change": can_change,
            "status_form": ImplementationForm(user=request.user) if can_change else None})
