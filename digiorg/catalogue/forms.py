"""Forms of the register. They only carry what was typed: the value lists, the URL name, the
e-mail and the mandatory fields are checked by `services.clean_metadata`, whose errors land on
the fields they name (apply_errors)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digiorg.core.datefields import ThaiDateField
from digiorg.core.forms import BootstrapMixin

from . import choices
from .completeness import MANDATORY
from .models import Dataset

if TYPE_CHECKING:
    from digiorg.accounts.models import User
    from digiorg.org.models import OrgUnit


def _with_blank(options):
    return [("", "—"), *options]


class ChoiceText(forms.CharField):
    """One value of a list, as a select; the service checks it is on the list."""

    def __init__(self, options, **kwargs):
        super().__init__(
            required=False, widget=forms.Select(choices=_with_blank(options)), **kwargs
        )


class ListOfValues(forms.Field):
    """Several values of a list, as checkboxes; the service checks each is on the list."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, options, **kwargs):
        super().__init__(required=False, **kwargs)
        self.widget = forms.CheckboxSelectMultiple(choices=options)

    def to_python(self, value):
        return [str(v) for v in value or []]


class CommaList(forms.CharField):
    """Words separated by commas; the service splits them."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=4000, **kwargs)

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value


SECTIONS = [
    ("mandatory", _("GD Catalog mandatory fields (needed before publication)"), [
        "title", "name", "data_type", "maintainer", "maintainer_email", "notes", "tags",
        "objectives", "update_frequency_unit", "update_frequency_interval", "geo_coverage",
        "data_source", "data_formats", "data_category", "license_id",
    ]),
    ("optional", _("Optional fields"), [
        "data_classification", "accessible_condition", "data_languages", "created_date",
        "last_updated_date", "data_release_calendar", "url", "version_label",
        "high_value_dataset", "allow_harvest", "first_year_of_data", "last_year_of_data",
        "unit_of_measure", "calculation_method",
    ]),
    ("governance", _("The department's data governance"), [
        "is_key", "sharable", "share_conditions", "shared_with", "stage", "created_on",
        "stored_on", "used_on", "shared_on", "archived_on", "destroyed_on", "responsible",
    ]),
]  # fmt: skip
MARKED = {*MANDATORY, "name"}
DATE_FIELDS = (
    "created_date", "last_updated_date", "data_release_calendar", "created_on", "stored_on",
    "used_on", "shared_on", "archived_on", "destroyed_on",
)  # fmt: skip


def _model_field(name: str) -> Any:
    return Dataset._meta.get_field(name)


def _label(name: str):
    return _model_field(name).verbose_name


class DatasetForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    unit: "forms.ModelChoiceField[OrgUnit]" = forms.ModelChoiceField(
        label=_("Owner unit"), queryset=None
    )
    responsible: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_label("responsible"), queryset=None, required=False
    )

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].label_from_instance = lambda u: f"{u.code} · {u.name}"
        self.fields["responsible"].queryset = people
        self.fields["responsible"].label_from_instance = lambda p: p.name or p.username
        self.fields["responsible"].empty_label = "—"
        # BootstrapMixin ran before the fields below existed: it is run again at the end
        for name in self.field_names():
            if name not in self.fields:
                self.fields[name] = self._field(name)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if name in MARKED:
                field.marked = True  # type: ignore[attr-defined]
        self.fields["name"].help_text = _(
            "The dataset's address on the national portal, e.g. hss-private-hospitals-2567."
        )
        self.fields["created_on"].label = _("created on")
        self.fields["tags"].help_text = _("Separate keywords with commas.")
        self.fields["shared_with"].help_text = _("Separate agencies with commas.")
        self.fields["update_frequency_interval"].help_text = _(
            "Only for the frequency 'other': how many units of time."
        )

    @staticmethod
    def field_names() -> list[str]:
        return [name for _key, _title, names in SECTIONS for name in names]

    @staticmethod
    def _field(name: str) -> forms.Field:
        model_field = _model_field(name)
        label = model_field.verbose_name
        if name in ("tags", "shared_with"):
            return CommaList(label=label)
        if name in ("objectives", "data_formats", "data_languages"):
            options = {
                "objectives": choices.OBJECTIVES,
                "data_formats": choices.DATA_FORMATS,
                "data_languages": choices.LANGUAGES,
            }[name]
            return ListOfValues(options, label=label)
        if name == "stage":
            return forms.ChoiceField(label=label, choices=Dataset.Stage.choices)
        if getattr(model_field, "choices", None):
            return ChoiceText(model_field.choices, label=label)
        if name in DATE_FIELDS:
            return ThaiDateField(label=label, required=False)
        if name in ("high_value_dataset", "allow_harvest", "is_key", "sharable"):
            return forms.BooleanField(label=label, required=False)
        if name in ("update_frequency_interval", "first_year_of_data", "last_year_of_data"):
            return forms.IntegerField(label=label, required=False, min_value=0, max_value=9999)
        if name in ("notes", "accessible_condition", "calculation_method", "share_conditions"):
            return forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        if name == "maintainer_email":
            # a plain text box: the service's message in Thai, not the browser's
            return forms.CharField(label=label, required=False, max_length=254)
        if name == "url":
            return forms.CharField(label=label, required=False, max_length=1000)
        max_length = getattr(model_field, "max_length", None) or 300
        return forms.CharField(label=label, required=False, max_length=max_length)

    def sections(self):
        """[(key, title, [bound fields])] in the order of SECTIONS."""
        return [
            (key, title, [self[name] for name in names if name in self.fields])
            for key, title, names in SECTIONS
        ]

    def clean_url(self):
        url = (self.cleaned_data.get("url") or "").strip()
        if url:
            validator = forms.URLField(assume_scheme="https")
            try:
                return validator.clean(url)
            except forms.ValidationError as exc:
                raise forms.ValidationError(_("Enter a valid web address.")) from exc
        return url

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year_of_data"), data.get("last_year_of_data")
        if first and last and last < first:
            self.add_error("last_year_of_data", _("The last year is before the first year."))
        return data

    def metadata(self) -> dict:
        """The cleaned values for the services (no version, no unit)."""
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("unit", None)
        for name in ("update_frequency_interval", "first_year_of_data", "last_year_of_data"):
            data[name] = data.get(name) or None
        return data


def dataset_initial(dataset: Dataset) -> dict:
    initial = {name: getattr(dataset, name) for name in DatasetForm.field_names()}
    initial["version"] = dataset.version
    return initial


class ResourceFileForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Name shown"), required=False, max_length=300)


class ResourceLinkForm(BootstrapMixin, forms.Form):
    url = forms.URLField(label=_("Link"), max_length=1000, assume_scheme="https")
    name = forms.CharField(label=_("Name shown"), required=False, max_length=300)
    format = forms.CharField(label=_("Format"), required=False, max_length=40)
    size = forms.IntegerField(label=_("Size (bytes)"), required=False, min_value=0)
