from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.forms import BootstrapMixin
from digiorg.evidence.models import Evidence

from .models import CriterionAssessment


class AnswerForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    result = forms.ChoiceField(
        label=_("Result"), choices=CriterionAssessment.Result.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the unit has done, and where the proof is."),
    )  # fmt: skip
    evidence: "forms.ModelMultipleChoiceField[Evidence]" = forms.ModelMultipleChoiceField(
        label=_("Evidence"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].widget.attrs = {}
        self.fields["evidence"].widget.attrs = {}
        self.fields["evidence"].queryset = evidence


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", "verify"), ("return", "return")])
    comment = forms.CharField(required=False, max_length=2000)
    version = forms.IntegerField()


class BaselineForm(forms.Form):
    from_cycle = forms.IntegerField()
