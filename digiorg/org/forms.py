from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.forms import BootstrapMixin

from .models import OrgUnit


class UnitForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name_th = forms.CharField(label=_("Name (Thai)"), max_length=300)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k, label) for k, label in OrgUnit.Kind.choices
            if k not in (OrgUnit.Kind.MINISTRY, OrgUnit.Kind.DEPARTMENT)
        ],
    )  # fmt: skip
    parent = forms.ModelChoiceField(label=_("Parent unit"), queryset=OrgUnit.objects.none())
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda unit: f"{unit.code} · {unit.name}"

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()
