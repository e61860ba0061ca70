from django import forms

from attest.accounts.models import Team, User

from .choices import ALL_KIND_FIELDS, COMMON_FIELDS, KIND_FIELDS, RelationType
from .models import Asset


class AssetForm(forms.ModelForm):
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. pii, customer-facing")

    class Meta:
        model = Asset
        fields = [*COMMON_FIELDS, *ALL_KIND_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "intended_purpose": forms.Textarea(attrs={"rows": 2}),
            "affected_persons": forms.Textarea(attrs={"rows": 2}),
            "deployment_context": forms.Textarea(attrs={"rows": 2}),
            "human_oversight": forms.Textarea(attrs={"rows": 2}),
            "provenance": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Choices come from the restricted querysets: no team or person the user cannot see.
        teams = Team.objects.restrict(user, "add_asset")
        if self.instance.pk:
            teams = teams | Team.objects.filter(pk=self.instance.team_id)
            self.fields["kind"].disabled = True
        self.fields["team"].queryset = teams.distinct()
        self.fields["owner"].queryset = User.objects.restrict(user, "view").filter(is_active=True)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(self.instance.tags or [])
        for name in ALL_KIND_FIELDS:
            kinds = [k for k, fields in KIND_FIELDS.items() if name in fields]
            self.fields[name].widget.attrs["data-kinds"] = " ".join(kinds)

    def clean(self):
        # Model validation happens in the service, with the same rules as the API.
        return self.cleaned_data

    def _post_clean(self):
        pass

    def service_data(self) -> dict:
        kind = self.instance.kind if self.instance.pk else self.cleaned_data["kind"]
        names = [f for f in COMMON_FIELDS if f != "kind"] + KIND_FIELDS[kind]
        data = {name: self.cleaned_data.get(name) for name in names}
        if not self.instance.pk:
            data["kind"] = kind
        return data

    def kind_fieldsets(self):
        """(kind, [bound fields]) for the template's per-kind sections."""
        return [(kind, [self[name] for name in fields]) for kind, fields in KIND_FIELDS.items()]

    def common_fields(self):
        return [self[name] for name in COMMON_FIELDS]


class RelationForm(forms.Form):
    type = forms.ChoiceField(choices=RelationType.choices)
    target = forms.ModelChoiceField(queryset=Asset.objects.none(), help_text="Only assets you can see are listed.")

    def __init__(self, *args, user, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (
            Asset.objects.restrict(user, "view").exclude(pk=source.pk).select_related("team").order_by("name")
        )
        self.fields["target"].label_from_instance = lambda a: f"{a.name} ({a.get_kind_display()}, {a.team.name})"


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none())
    permission = forms.ChoiceField(choices=[("view_asset", "can view"), ("change_asset", "can edit"),
                                            ("add_evidence", "can add evidence")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.restrict(user, "invite").order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.username} ({u.global_role})"


class ImportUploadForm(forms.Form):
    file = forms.FileField(help_text="CSV, UTF-8, with a header row. Export the asset list to get the columns.")
