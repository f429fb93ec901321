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

    def __init__(self, *args, evidence, options=(), **kwargs):
        """`options`: the criterion's active options; with them the answer ticks the options
        in place (the result follows from them) or says the criterion does not apply."""
        super().__init__(*args, **kwargs)
        # radios and boxes drawn by Bootstrap: a box apart from its label, labels that wrap
        self.fields["result"].widget.attrs = {"class": "form-check-input"}
        self.fields["evidence"].widget.attrs = {"class": "form-check-input"}
        self.fields["evidence"].queryset = evidence
        if options:
            del self.fields["result"]
            self.fields["options"] = forms.MultipleChoiceField(
                label=_("In place"), required=False, widget=forms.CheckboxSelectMultiple,
                choices=[(o.code, o.label) for o in options],
            )  # fmt: skip
            self.fields["options"].widget.attrs = {"class": "form-check-input"}
            self.fields["not_applicable"] = forms.BooleanField(
                label=_("Not applicable to this unit"), required=False
            )
            self.fields["not_applicable"].widget.attrs = {"class": "form-check-input"}

    def answer(self) -> tuple[str, list[str] | None]:
        """(result, options) for services.assessment_save from the cleaned data."""
        data = self.cleaned_data
        if "options" not in self.fields:
            return data["result"], None
        if data["not_applicable"]:
            return CriterionAssessment.Result.NOT_APPLICABLE, []
        return "", list(data["options"])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("verify", "verify"), ("return", "return")])
    comment = forms.CharField(required=False, max_length=2000)
    version = forms.IntegerField()


class BaselineForm(forms.Form):
    from_cycle = forms.IntegerField()
