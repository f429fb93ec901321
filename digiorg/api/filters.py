"""Pieces every API list filter uses, so each FilterSet is one short declaration that serves
validation (a bad value answers 400 with the field and the reason), the OpenAPI document and the
docs page."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

BIGINT_MAX = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class IdFilter(filters.NumberFilter):
    """A row id: a whole number in the database's range (never a 500 on `abc` or 1e30)."""

    field_class = IdField


def modified_since(field_name: str = "updated_at") -> filters.IsoDateTimeFilter:
    return filters.IsoDateTimeFilter(
        field_name=field_name,
        lookup_expr="gte",
        label=_("Changed at or after this moment (ISO 8601, e.g. 2025-10-01T00:00:00+07:00)"),
    )
