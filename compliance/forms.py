from django import forms

from attest.accounts.models import User

from .choices import EvidenceKind, ImplementationStatus
from .models import Control


class ControlForm(forms.ModelForm):
    evidence_kinds = forms.MultipleChoiceField(choices=EvidenceKind.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Control
        fields = ["code", "title", "description", "phase", "evidence_kinds", "max_evidence_age_days"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True

    def _post_clean(self):
        pass  # the service validates, with the same messages as the API


class ImplementationForm(forms.Form):
    status = forms.ChoiceField(choices=ImplementationStatus.choices)
    justification = forms.CharField(required=False, widget=forms.TextInput(attrs={"placeholder": "Why not applicable"}))
    owner = forms.ModelChoiceField(queryset=User.objects.none(), required=False)
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.restrict(user, "view").filter(is_active=True)


class ClassificationForm(forms.Form):
    """Built from the engine's questions, so the browser asks exactly what the API accepts."""

    def __init__(self, *args, questions, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        for q in questions:
            if q.get("choices"):
                field = forms.ChoiceField(choices=q["choices"], label=q["question"], help_text=q.get("help", ""))
            else:
                field = forms.BooleanField(required=False, label=q["question"], help_text=q.get("help", ""))
            self.fields[q["key"]] = field
        if initial_answers:
            self.initial.update(initial_answers)
