from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.views import View

from attest.accounts.models import Team
from attest.rbac.roles import GlobalRole, role_of
from attest.ui.charts import heat_map
from attest.ui.views import ObjectListView, RestrictedObjectMixin
from inventory.models import Asset

from . import services
from .filtersets import RiskFilterSet, ThreatFilterSet
from .forms import AcceptForm, CustomThreatForm, RiskForm
from .models import AssetThreat, Risk, RiskMatrix, Threat
from .selectors import heat_map_counts, rated
from .tables import RiskTable, ThreatTable


def heat_maps(risks, title_suffix=""):
    levels = RiskMatrix.current_levels()
    counts = heat_map_counts(risks)
    return {"inherent": heat_map(counts["inherent"], levels, title=f"Inherent risk{title_suffix}"),
            "residual": heat_map(counts["residual"], levels, title=f"Residual risk{title_suffix}"),
            "levels": levels}


class RiskListView(ObjectListView):
    queryset = Risk.objects.select_related("asset", "asset__team", "asset_threat__threat", "owner")
    filterset_class = RiskFilterSet
    table_class = RiskTable
    title = "Risk register"
    export_filename = "risks.csv"

    def export_rows(self, queryset):
        yield ["asset", "team", "threat", "atlas", "likelihood", "impact", "inherent", "inherent_level", "residual",
               "residual_level", "treatment", "status", "owner", "due_date", "accepted_until"]
        for r in queryset.iterator(chunk_size=500):
            threat = r.asset_threat.threat
            yield [r.asset.name, r.asset.team.name, r.asset_threat.display_title, " ".join(threat.atlas) if threat else "",
                   r.likelihood, r.impact, r.inherent, r.inherent_level, r.residual, r.residual_level, r.treatment,
                   r.status, r.owner.username if r.owner_id else "", r.due_date or "", r.acceptance_expires_on or ""]

    def get(self, request):
        self.queryset = rated(Risk.objects.select_related("asset", "asset__team", "asset_threat__threat", "owner"))
        return super().get(request)

    def extra_context(self):
        risks = rated(Risk.objects.restrict(self.request.user, "view"))
        team = None
        if self.request.GET.get("team"):
            team = Team.objects.restrict(self.request.user, "view").filter(pk=self.request.GET["team"]).first()
            risks = risks.filter(asset__team=team) if team else risks.none()
        return {"heat_maps": heat_maps(risks, f" — {team}" if team else ""), "template_extra": "risk/_heat_maps.html"}


class RiskDetailView(RestrictedObjectMixin, View):
    queryset = Risk.objects.all()

    def get(self, request, pk, risk_form=None, accept_form=None, status=200):
        self.get_object(pk)
        risk = rated(Risk.objects.select_related("asset", "asset_threat__threat", "owner", "accepted_by")).get(pk=pk)
        can_change = Risk.objects.restrict(request.user, "change").filter(pk=pk).exists()
        governance = role_of(request.user) in (GlobalRole.ADMIN, GlobalRole.GOVERNANCE)
        return render(request, "risk/risk_detail.html", {
            "title": str(risk), "object": risk, "can_change": can_change,
            "mitigating": risk.asset_threat.threat.controls.all() if risk.asset_threat.threat_id else [],
            "risk_form": risk_form or (RiskForm(user=request.user, initial={
                "likelihood": risk.likelihood, "impact": risk.impact,
                "treatment": risk.treatment if risk.treatment != "accept" else "mitigate",
                "owner": risk.owner_id, "due_date": risk.due_date}) if can_change else None),
            "accept_form": accept_form or (AcceptForm() if governance and risk.status != "closed" else None),
        }, status=status)

    def post(self, request, pk):
        if "accept" in request.POST:
            risk = self.get_object(pk)
            form = AcceptForm(request.POST)
            if form.is_valid():
                try:
                    services.accept_risk(actor=request.user, risk=risk, **form.cleaned_data)
                except ValidationError as exc:
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    messages.success(request, "Risk accepted.")
                    return HttpResponseRedirect(risk.get_absolute_url())
            return self.get(request, pk, accept_form=form, status=400)
        risk = self.get_object(pk, "change")
        form = RiskForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.update_risk(actor=request.user, risk=risk, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "Risk updated.")
                return HttpResponseRedirect(risk.get_absolute_url())
        return self.get(request, pk, risk_form=form, status=400)


class ThreatListView(ObjectListView):
    queryset = Threat.objects.all()
    filterset_class = ThreatFilterSet
    table_class = ThreatTable
    title = "Threat catalog"


class ThreatDetailView(RestrictedObjectMixin, View):
    queryset = Threat.objects.all()

    def get(self, request, pk):
        threat = self.get_object(pk)
        return render(request, "risk/threat_detail.html", {"title": str(threat), "object": threat,
                                                           "controls": threat.controls.all()})


class ThreatModelActionView(RestrictedObjectMixin, View):
    """POST from the asset page: regenerate, decide on a threat, or add one by hand."""

    queryset = Asset.objects.all()

    def post(self, request, pk):
        asset = self.get_object(pk, "change")
        try:
            if "regenerate" in request.POST:
                result = services.regenerate_threat_model(actor=request.user, asset=asset)
                summary = f"{len(result.added)} added, {len(result.retired)} retired, {result.kept} unchanged"
                messages.success(request, f"Threat model regenerated: {summary}.")
            elif "entry" in request.POST:
                entry = AssetThreat.objects.restrict(request.user, "view").filter(pk=request.POST["entry"]).first()
                if entry is None:
                    raise Http404
                services.set_threat_status(actor=request.user, entry=entry, status=request.POST.get("status", ""),
                                           reason=request.POST.get("decision_reason", ""))
                messages.success(request, f"Saved your decision on {entry.display_title}.")
            else:
                form = CustomThreatForm(request.POST)
                if not form.is_valid():
                    raise ValidationError("Give the threat a title, a reason, and likelihood and impact from 1 to 5.")
                services.add_custom_threat(actor=request.user, asset=asset, **form.cleaned_data)
                messages.success(request, "Threat added.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(asset.get_absolute_url() + "#threats")
