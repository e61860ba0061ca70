import django_filters
from django.db.models import Q

from attest.accounts.models import Team
from attest.core.filters import IdFilter

from .choices import AssetKind, Criticality, DataClassification, LifecycleStage
from .models import Asset


def _visible_teams(request):
    if request is None:
        return Team.objects.none()
    return Team.objects.restrict(request.user, "view")


class AssetFilterSet(django_filters.FilterSet):
    """Shared by the asset list page, its CSV export and the API."""

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=AssetKind.choices, empty_label="Any kind")
    team = django_filters.ModelChoiceFilter(queryset=_visible_teams, empty_label="Any team")
    lifecycle_stage = django_filters.ChoiceFilter(choices=LifecycleStage.choices, empty_label="Any stage")
    criticality = django_filters.ChoiceFilter(choices=Criticality.choices, empty_label="Any criticality")
    data_classification = django_filters.ChoiceFilter(choices=DataClassification.choices, empty_label="Any classification")
    owner = IdFilter(field_name="owner_id", label="Owner id")
    sort = django_filters.OrderingFilter(
        fields=(("name", "name"), ("kind", "kind"), ("team__name", "team"), ("lifecycle_stage", "lifecycle_stage"),
                ("criticality", "criticality"), ("updated_at", "updated_at"), ("created_at", "created_at")),
        label="Sort",
    )

    class Meta:
        model = Asset
        fields = ["q", "kind", "team", "lifecycle_stage", "criticality", "data_classification", "owner"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value) | Q(tags__icontains=value))
