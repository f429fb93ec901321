from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.datefields import ThaiDateField
from digiorg.core.forms import BootstrapMixin
from digiorg.core.pickers import PickerCheckboxes
from digiorg.frameworks.pickers import criteria_for_picker, describe_criterion

from .models import Evidence

if TYPE_CHECKING:
    from digiorg.frameworks.models import Criterion
    from digiorg.org.models import OrgUnit
    from digiorg.plans.models import Action


class EvidenceForm(BootstrapMixin, forms.Form):
    """New evidence: a file or a link, its dates, and what it proves."""

    unit: "forms.ModelChoiceField[OrgUnit]" = forms.ModelChoiceField(
        label=_("Owner unit"), queryset=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Evidence.Kind.choices, initial=Evidence.Kind.FILE,
        widget=forms.RadioSelect,
    )  # fmt: skip
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    effective_date = ThaiDateField(label=_("Effective from"), required=False)
    expiry_date = ThaiDateField(label=_("Expires on"), required=False)
    criteria: "forms.ModelMultipleChoiceField[Criterion]" = forms.ModelMultipleChoiceField(
        label=_("Criteria it proves"), queryset=None, required=False,
        widget=PickerCheckboxes(describe_criterion),
    )  # fmt: skip
    actions: "forms.ModelMultipleChoiceField[Action]" = forms.ModelMultipleChoiceField(
        label=_("Actions it belongs to"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )  # fmt: skip

    def __init__(self, *args, units, criteria, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs = {}
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.code} · {u.name}"
        self.fields["criteria"].queryset = criteria_for_picker(criteria)
        self.fields["criteria"].widget.search_label = _("Find a criterion by number or words")
        self.fields["actions"].queryset = actions

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Evidence.Kind.FILE and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose a file to upload."))
        if kind == Evidence.Kind.LINK and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("A link needs its address."))
        effective, expiry = data.get("effective_date"), data.get("expiry_date")
        if effective and expiry and expiry < effective:
            self.add_error("expiry_date", _("The expiry date is before the effective date."))
        return data


class EvidenceEditForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    effective_date = ThaiDateField(label=_("Effective from"), required=False)
    expiry_date = ThaiDateField(label=_("Expires on"), required=False)
    criteria: "forms.ModelMultipleChoiceField[Criterion]" = forms.ModelMultipleChoiceField(
        label=_("Criteria it proves"), queryset=None, required=False,
        widget=PickerCheckboxes(describe_criterion),
    )  # fmt: skip

    def __init__(self, *args, criteria, is_link: bool, **kwargs):
        super().__init__(*args, **kwargs)
        criteria_field = cast(forms.ModelMultipleChoiceField, self.fields["criteria"])
        criteria_field.queryset = criteria_for_picker(criteria)
        criteria_field.widget.search_label = _("Find a criterion by number or words")
        if not is_link:
            del self.fields["url"]


class RevisionForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("New version of the file"))
