"""The date field of every web form: a text box for dd/mm/yyyy (Buddhist era by default) with
the expected format under it; static/js/thaidate.js adds a calendar button to it. Reading what
was typed is `thaidates.parse_typed_date`, nowhere else. The API keeps ISO 8601."""

import json
from datetime import date, datetime

from django import forms
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .thai import MONTHS_EN, MONTHS_TH
from .thaidates import (
    BE,
    TypedDateError,
    format_hint,
    format_typed_date,
    input_era,
    parse_typed_date,
)

DAYS_TH = ("อา.", "จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.")
DAYS_TH_LONG = ("อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์")
DAYS_EN = ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa")
DAYS_EN_LONG = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def calendar_config(era: str) -> dict:
    """What thaidate.js needs to draw the calendar in the page's language and era."""
    thai = (get_language() or "th")[:2] == "th"
    return {
        "era": era,
        "yearPrefix": "" if thai or era != BE else "B.E. ",
        "months": list(MONTHS_TH if thai else MONTHS_EN),
        "days": list(DAYS_TH if thai else DAYS_EN),
        "daysLong": list(DAYS_TH_LONG if thai else DAYS_EN_LONG),
        "labels": {
            "open": _("Choose a date from the calendar"),
            "dialog": _("Calendar"),
            "prevYear": _("Previous year"),
            "prevMonth": _("Previous month"),
            "nextMonth": _("Next month"),
            "nextYear": _("Next year"),
            "today": _("Today"),
            "close": _("Close"),
            "help": _(
                "Arrow keys move by day and week, Page Up and Page Down by month, Enter chooses, Escape closes."
            ),
        },
    }


class ThaiDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, date):
            return format_typed_date(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        era = input_era()
        attrs = {**self.attrs, **(attrs or {})}
        hint_id = f"{attrs['id']}-format" if attrs.get("id") else ""
        if hint_id:
            described = attrs.get("aria-describedby", "")
            attrs["aria-describedby"] = f"{described} {hint_id}".strip()
        attrs.setdefault("placeholder", _("dd/mm/yyyy"))
        box = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="thaidate" data-thaidate="{}">{}<div class="form-text thaidate-hint"{}>{}</div></div>',
            json.dumps(calendar_config(era), ensure_ascii=False),
            box,
            format_html(' id="{}"', hint_id) if hint_id else "",
            format_hint(era),
        )


class ThaiDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (see thaidates); a clear message for anything else."""

    widget = ThaiDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_typed_date(str(value))
        except TypedDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
