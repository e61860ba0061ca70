from django import forms

from attest.accounts.models import User

from .choices import Treatment


class RiskForm(forms.Form):
    likelihood = forms.IntegerField(min_value=1, max_value=5)
    impact = forms.IntegerField(min_value=1, max_value=5)
    treatment = forms.ChoiceField(choices=[t for t in Treatment.choices if t[0] != Treatment.ACCEPT])
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.restrict(user, "view").filter(is_active=True)


class AcceptForm(forms.Form):
    justification = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    expires_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Accepted until")


class CustomThreatForm(forms.Form):
    title = forms.CharField(max_length=200)
    reason = forms.CharField(help_text="Why it applies to this asset")
    likelihood = forms.IntegerField(min_value=1, max_value=5, initial=3)
    impact = forms.IntegerField(min_value=1, max_value=5, initial=3)
