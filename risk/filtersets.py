import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from django.db.models import Q

from attest.core.filters import IdFilter

from inventory.models import Asset

from .choices import RiskStatus, Stride, ThreatOrigin, ThreatStatus, Treatment
from .models import AssetThreat, Risk, RiskMatrix, Threat


def _visible_assets(request):
    return Asset.objects.restrict(request.user, "view") if request else Asset.objects.none()


@extend_schema_field(OpenApiTypes.STR)
class LevelChoiceFilter(django_filters.ChoiceFilter):
    """The matrix's level names: configurable data, so the schema says string, not a fixed enum."""


def _level_choices():
    return [(lvl["name"], lvl["label"]) for lvl in RiskMatrix.current_levels()]


class ThreatFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    stride = django_filters.ChoiceFilter(choices=Stride.choices, empty_label="Any STRIDE category")
    kind = django_filters.CharFilter(method="for_kind", label="Asset kind")
    atlas = django_filters.CharFilter(method="technique", label="ATLAS technique")

    class Meta:
        model = Threat
        fields = ["q", "stride", "kind", "atlas"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value) | Q(description__icontains=value))

    def for_kind(self, queryset, name, value):
        return queryset.filter(kinds__icontains=f'"{value}"')

    def technique(self, queryset, name, value):
        return queryset.filter(atlas__icontains=f'"{value}')


class AssetThreatFilterSet(django_filters.FilterSet):
    asset = django_filters.ModelChoiceFilter(queryset=_visible_assets)
    status = django_filters.ChoiceFilter(choices=ThreatStatus.choices)
    origin = django_filters.ChoiceFilter(choices=ThreatOrigin.choices)
    threat = django_filters.CharFilter(field_name="threat__code")

    class Meta:
        model = AssetThreat
        fields = ["asset", "status", "origin", "threat"]


class RiskFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    asset = django_filters.ModelChoiceFilter(queryset=_visible_assets)
    team = IdFilter(field_name="asset__team_id", label="Team id")
    status = django_filters.ChoiceFilter(choices=RiskStatus.choices, empty_label="Any status")
    treatment = django_filters.ChoiceFilter(choices=Treatment.choices, empty_label="Any treatment")
    residual_level = LevelChoiceFilter(choices=_level_choices, empty_label="Any residual level")
    threat = django_filters.CharFilter(field_name="asset_threat__threat__code", label="Threat code")
    owner = IdFilter(field_name="owner_id", label="Owner id")
    sort = django_filters.OrderingFilter(fields=(("residual", "residual"), ("inherent", "inherent"),
                                                 ("asset__name", "asset"), ("created_at", "created_at")))

    class Meta:
        model = Risk
        fields = ["q", "asset", "team", "status", "treatment", "residual_level", "threat", "owner"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(asset__name__icontains=value) | Q(asset_threat__threat__title__icontains=value)
                               | Q(asset_threat__title__icontains=value))
