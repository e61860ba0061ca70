import django_filters
from django.db.models import Q

from .choices import JOB_TO_PACK_STATUS, PackStatus
from .models import AuditPack, Engagement


def _visible_engagements(request):
    return Engagement.objects.restrict(request.user, "view") if request else Engagement.objects.none()


class AuditPackFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=PackStatus.choices, method="by_status", empty_label="Any status")
    engagement = django_filters.ModelChoiceFilter(queryset=_visible_engagements)
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte", label="As of, from")
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte", label="As of, until")

    class Meta:
        model = AuditPack
        fields = ["q", "status", "engagement", "as_of_after", "as_of_before"]

    def search(self, queryset, name, value):
        return queryset.filter(title__icontains=value)

    def by_status(self, queryset, name, value):
        return queryset.filter(job__status__in=[job for job, pack in JOB_TO_PACK_STATUS.items() if pack == value])


class EngagementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    active = django_filters.BooleanFilter(field_name="ended_at", lookup_expr="isnull", label="Active")

    class Meta:
        model = Engagement
        fields = ["q", "active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(auditor__username__icontains=value))
