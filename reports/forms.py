from django import forms
from django.utils import timezone

from attest.accounts.models import Team, User
from compliance.models import Framework
from inventory.models import Asset

from .models import Engagement


class _ScopeForm(forms.Form):
    """Frameworks and a team or assets, each choice list restricted to what the user can see."""

    frameworks = forms.ModelMultipleChoiceField(queryset=Framework.objects.none(), required=False,
                                                widget=forms.CheckboxSelectMultiple, to_field_name="slug",
                                                help_text="None ticked: every framework")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="— or pick assets below —")
    assets = forms.ModelMultipleChoiceField(queryset=Asset.objects.none(), required=False,
                                            widget=forms.SelectMultiple(attrs={"size": 10}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["frameworks"].queryset = Framework.objects.restrict(user, "view").order_by("name")
        self.fields["team"].queryset = Team.objects.restrict(user, "view").order_by("name")
        self.fields["assets"].queryset = Asset.objects.restrict(user, "view").select_related("team").order_by("name")

    def scope_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"framework_slugs": [f.slug for f in data["frameworks"]],
                "team_id": data["team"].pk if data["team"] else None,
                "asset_ids": [a.pk for a in data["assets"]]}


class AuditPackForm(_ScopeForm):
    title = forms.CharField(max_length=200, required=False, help_text="Default: “Audit pack as of <date>”")
    as_of = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text="The pack shows the state at the end of this day. Default: today")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            help_text="Start of the audit-log excerpt. Default: 90 days before the as-of date")
    engagement = forms.ModelChoiceField(queryset=Engagement.objects.none(), required=False,
                                        help_text="Build it for an auditor's engagement: the auditor will see it")
    field_order = ["title", "engagement", "frameworks", "team", "assets", "as_of", "since"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["engagement"].queryset = Engagement.objects.restrict(user, "change").filter(ended_at__isnull=True)


class EngagementForm(_ScopeForm):
    name = forms.CharField(max_length=200)
    auditor = forms.ModelChoiceField(queryset=User.objects.none())
    period_start = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    field_order = ["name", "auditor", "period_start", "period_end", "frameworks", "team", "assets"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["auditor"].queryset = User.objects.restrict(user, "invite").filter(role="auditor")
        self.initial.setdefault("period_start", timezone.localdate())
