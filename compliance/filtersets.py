import django_filters
from django.db.models import Q

from attest.core.filters import CodeChoiceFilter, IdFilter

from inventory.models import Asset

from .choices import Applicability, ImplementationStatus, LifecyclePhase, RequirementKind
from .models import Control, ControlImplementation, Framework, Requirement


def _visible_assets(request):
    return Asset.objects.restrict(request.user, "view") if request else Asset.objects.none()


class RequirementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    framework = CodeChoiceFilter(queryset=Framework.objects.all(), field_name="framework",
                                                 to_field_name="slug", empty_label="Any framework")
    kind = django_filters.ChoiceFilter(choices=RequirementKind.choices, empty_label="Any kind")
    applicability = django_filters.ChoiceFilter(choices=Applicability.choices, empty_label="Any scope")

    class Meta:
        model = Requirement
        fields = ["q", "framework", "kind", "applicability"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value))


class ControlFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    phase = django_filters.ChoiceFilter(choices=LifecyclePhase.choices, empty_label="Any phase")
    framework = CodeChoiceFilter(queryset=Framework.objects.all(), method="serving_framework",
                                                 to_field_name="slug", empty_label="Any framework")
    requirement = IdFilter(field_name="mappings__requirement", label="Serves requirement id")

    class Meta:
        model = Control
        fields = ["q", "phase", "framework", "requirement"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value))

    def serving_framework(self, queryset, name, value: str):
        return queryset.filter(pk__in=Control.objects.filter(mappings__requirement__framework=value).values("pk"))


class ControlImplementationFilterSet(django_filters.FilterSet):
    asset = django_filters.ModelChoiceFilter(queryset=_visible_assets)
    control = CodeChoiceFilter(queryset=Control.objects.all(), to_field_name="code")
    status = django_filters.ChoiceFilter(choices=ImplementationStatus.choices, empty_label="Any status")
    team = IdFilter(field_name="asset__team_id", label="Team id")

    class Meta:
        model = ControlImplementation
        fields = ["asset", "control", "status", "team"]
