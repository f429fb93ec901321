"""Pieces every API list filter uses, so each FilterSet is one short declaration that serves
validation (a bad value answers 400 with the field and the reason), the OpenAPI document and the
docs page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

BIGINT_MAX = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": BIGINT_MAX})
class IdFilter(filters.NumberFilter):
    """A row id: a whole number in the database's range (never a 500 on `abc` or 1e30)."""

    field_class = IdField


@extend_schema_field({"type": "boolean"})
class BoolFilter(filters.TypedChoiceFilter):
    """`true` or `false`; anything else is a 400, not silently ignored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        kwargs.setdefault("coerce", lambda value: value == "true")
        super().__init__(*args, **kwargs)


class FilterSet(filters.FilterSet):
    """A parameter that is sent must carry a value: `?modified_since=` or `?cycle=` is a 400
    (django-filter would drop it silently and answer everything)."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        for name, declared in self.filters.items():
            if isinstance(declared, filters.CharFilter) or name not in self.data:
                continue
            if any(value == "" for value in self.data.getlist(name)):
                self.form.add_error(name, _("Give a value or leave the parameter out."))
                valid = False
        return valid


def modified_since(field_name: str = "updated_at") -> filters.IsoDateTimeFilter:
    return filters.IsoDateTimeFilter(
        field_name=field_name,
        lookup_expr="gte",
        label=_("Changed at or after this moment (ISO 8601, e.g. 2025-10-01T00:00:00+07:00)"),
    )
