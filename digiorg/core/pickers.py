"""A long multiple choice as checkboxes under group headings, with a filter box that
static/js/picker.js brings to life. Without JavaScript it is the same checkboxes, so the form
posts the same field either way."""

from collections.abc import Callable
from typing import Any, NamedTuple

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


class Described(NamedTuple):
    """Where a choice goes and how it reads: group and sub-group headings, a code and a text."""

    group: str
    subgroup: str
    code: str
    text: str


class PickerCheckboxes(forms.CheckboxSelectMultiple):
    """`describe(instance)` places each model choice; the filter matches code, text and
    sub-group heading as plain substrings (Latin letters case-insensitive)."""

    def __init__(self, describe: Callable[[Any], Described], *, search_label: str = "", attrs=None):
        super().__init__(attrs)
        self.describe = describe
        self.search_label = search_label

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        groups: dict[str, dict[str, list[dict]]] = {}
        for _group, options, _index in context["optgroups"]:
            for option in options:
                place = self.describe(option["value"].instance)
                groups.setdefault(place.group, {}).setdefault(place.subgroup, []).append(
                    {
                        "value": str(option["value"]),
                        "id": option["attrs"]["id"],
                        "selected": option["selected"],
                        "code": place.code,
                        "text": place.text,
                        "search": f"{place.code} {place.text} {place.subgroup}".casefold(),
                    }
                )
        html = render_to_string(
            "widgets/_picker.html",
            {
                "name": name,
                "id": context["attrs"].get("id") or f"id_{name}",
                "search_label": self.search_label or _("Filter"),
                "groups": [
                    {"label": label, "subgroups": list(subgroups.items())}
                    for label, subgroups in groups.items()
                ],
                "total": sum(len(o) for s in groups.values() for o in s.values()),
            },
        )
        return mark_safe(html)  # rendered by an autoescaping template
