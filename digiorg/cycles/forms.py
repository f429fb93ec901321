from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.datefields import ThaiDateField
from digiorg.core.forms import BootstrapMixin

from .models import Assignment, Cycle

if TYPE_CHECKING:
    from digiorg.frameworks.models import Framework, FrameworkNode
    from digiorg.org.models import OrgUnit


class CycleOpenForm(BootstrapMixin, forms.Form):
    fiscal_year = forms.IntegerField(label=_("Fiscal year (B.E.)"), min_value=2560, max_value=2700)
    framework: "forms.ModelChoiceField[Framework]" = forms.ModelChoiceField(
        label=_("Framework"), queryset=None
    )
    copy_from: "forms.ModelChoiceField[Cycle]" = forms.ModelChoiceField(
        label=_("Copy assignments from"), queryset=None, required=False
    )
    carry_forward = forms.BooleanField(
        label=_("Carry unfinished actions forward as drafts"), required=False
    )

    def __init__(self, *args, frameworks, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].label_from_instance = lambda f: f"{f.title} (v{f.version})"
        self.fields["copy_from"].queryset = cycles


class CycleForm(BootstrapMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Cycle
        fields = ["status", "plan_due", "q1_due", "q2_due", "q3_due", "q4_due", "assessment_due"]
        field_classes = dict.fromkeys(fields[1:], ThaiDateField)


class AssignForm(BootstrapMixin, forms.Form):
    topics: "forms.ModelMultipleChoiceField[FrameworkNode]" = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 12})
    )
    units: "forms.ModelMultipleChoiceField[OrgUnit]" = forms.ModelMultipleChoiceField(
        label=_("Units"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 12})
    )
    kind = forms.ChoiceField(label=_("Assignment"), choices=Assignment.Kind.choices)
    remove = forms.BooleanField(label=_("Remove these assignments instead"), required=False)

    def __init__(self, *args, topics, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = topics
        self.fields["topics"].label_from_instance = lambda n: f"{n.ref} {n.title}"
        self.fields["units"].queryset = units
        self.fields["units"].label_from_instance = lambda u: f"{u.code} · {u.name}"
