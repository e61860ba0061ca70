from django import forms
from django.conf import settings

from attest.rbac.roles import GlobalRole, TeamRole

from .models import Team, User


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def validate_unique(self):
        pass  # the service reports duplicates


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(queryset=User.objects.none())
    role = forms.ChoiceField(choices=TeamRole.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.restrict(user, "invite").filter(
            role__in=[GlobalRole.MEMBER, GlobalRole.GOVERNANCE])


class UserCreateForm(forms.Form):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    role = forms.ChoiceField(choices=GlobalRole.choices, initial=GlobalRole.MEMBER)
    password = forms.CharField(widget=forms.PasswordInput, help_text="At least 10 characters, not a common password.")


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What the token is for, e.g. 'CI pipeline'.")
    days = forms.IntegerField(min_value=1, max_value=365, label="Valid for (days)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].initial = settings.ATTEST_TOKEN_TTL_DAYS
