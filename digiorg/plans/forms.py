from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.datefields import ThaiDateField
from digiorg.core.forms import BootstrapMixin
from digiorg.core.pickers import PickerCheckboxes
from digiorg.frameworks.pickers import criteria_for_picker, describe_criterion

from .models import Action, ProgressReport


class ActionForm(BootstrapMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "unit", "title", "description", "criteria", "owner", "start_date", "end_date",
            "multi_year", "budget", "budget_source", "kpi", "kpi_target", "kpi_unit",
        ]  # fmt: skip
        field_classes = {"start_date": ThaiDateField, "end_date": ThaiDateField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "criteria": PickerCheckboxes(describe_criterion),
        }

    def __init__(self, *args, units, criteria, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.code} · {unit.name}"
        self.fields["criteria"].queryset = criteria_for_picker(criteria)
        self.fields["criteria"].widget.search_label = _("Find a criterion by number or words")
        self.fields["owner"].queryset = owners
        if self.instance.pk:
            self.fields["unit"].disabled = True

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if data.get("budget") is not None and data["budget"] < 0:
            self.add_error("budget", _("The budget cannot be negative."))
        return data


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Action.Status.choices)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False)


class CommentForm(BootstrapMixin, forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(BootstrapMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProgressReport
        fields = [
            "quarter",
            "percent_done",
            "narrative",
            "problems",
            "help_needed",
            "spent",
            "evidence_links",
        ]
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 3}),
            "problems": forms.Textarea(attrs={"rows": 2}),
            "help_needed": forms.Textarea(attrs={"rows": 2}),
            "evidence_links": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_percent_done(self):
        value = self.cleaned_data["percent_done"]
        if not 0 <= value <= 100:
            raise forms.ValidationError(_("Percent done is from 0 to 100."))
        return value

    def clean_evidence_links(self):
        validate = forms.URLField(assume_scheme="https").clean
        lines = [
            line.strip()
            for line in self.cleaned_data["evidence_links"].splitlines()
            if line.strip()
        ]
        for line in lines:
            validate(line)
        return "\n".join(lines)


class ReviewForm(forms.Form):
    accept = forms.BooleanField(required=False)
    comment = forms.CharField(required=False)


class MilestoneForm(BootstrapMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300)
    due_date = ThaiDateField(label=_("Due"))
