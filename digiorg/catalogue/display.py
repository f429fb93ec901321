"""The dataset's metadata as the register shows it: field labels, list values by their label in
the page's language, dates in Thai, grouped in the sections of the form."""

from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digiorg.core import thai

from .forms import SECTIONS
from .models import Dataset, field_label

MULTI = {"objectives", "data_formats", "data_languages", "tags", "shared_with"}


def _value(dataset: Dataset, name: str) -> str:
    value = getattr(dataset, name)
    if name == "responsible":
        return (value.name or value.username) if value else ""
    if name in ("update_frequency_interval", "first_year_of_data", "last_year_of_data"):
        return "" if value is None else str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return thai.format_date(value, (get_language() or "th")[:2])
    field: Any = Dataset._meta.get_field(name)
    options: dict = dict(field.choices or [])
    if name in MULTI:
        from .services import MULTI_CHOICES

        labels: dict = dict(MULTI_CHOICES.get(name) or [])  # type: ignore[call-overload]
        return ", ".join(str(labels.get(v, v)) for v in value or [])
    if options:
        return str(options.get(value, value)) if value else ""
    return str(value or "")


def _label(name: str) -> str:
    return _("created on") if name == "created_on" else field_label(name)


def metadata_sections(dataset: Dataset) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """[(key, title, [(field name, label, value shown)])]; empty values shown as empty."""
    return [
        (key, str(title), [(name, _label(name), _value(dataset, name)) for name in names])
        for key, title, names in SECTIONS
    ]
