"""Small template helpers (builtins: no {% load %})."""

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def record_kind(content_type) -> str:
    """The human name of a ContentType's model, in the active language."""
    model = content_type.model_class() if content_type else None
    return str(model._meta.verbose_name) if model else ""


ACTIONS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("viewed")}


@register.filter
def audit_action(action: int) -> str:
    return str(ACTIONS.get(action, action))


@register.filter
def localized(text) -> str:
    """A {"th": ..., "en": ...} dict (as in framework files and the score tree) in the active
    language; Thai when the English is missing."""
    if not isinstance(text, dict):
        return "" if text is None else str(text)
    from django.utils.translation import get_language

    language = (get_language() or "th")[:2]
    return text.get(language) or text.get("th") or ""


@register.filter
def score(value) -> str:
    """A score or percentage for display: one decimal at most; a dash when there is none.
    Plain arithmetic: dashboards format hundreds of cells."""
    if value is None or value == "":
        return "–"
    rounded = round(float(value), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


@register.simple_tag
def unit_options(units, selected=None, codes: bool = True) -> str:
    """The <option>s of a unit filter (value: the unit's id; text: "code · name", or the name
    alone without `codes`), `selected` (a unit or None) marked. Built here rather than by a
    {% for %} over model instances: an executive's filter lists every unit of the department,
    and the loop cost 15 µs an option (1.2 ms for 80 units), the instances as much again; the
    columns read from a queryset cost a tenth of that."""
    from django.db.models import QuerySet
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    rows: Iterable[tuple[Any, str, str, str]] = (
        units.values_list("pk", "code", "name_th", "name_en")
        if isinstance(units, QuerySet)
        else [(u.pk, u.code, u.name_th, u.name_en) for u in units]
    )
    english = (get_language() or "th")[:2] == "en"
    chosen = getattr(selected, "pk", None)
    parts = []
    for pk, code, name_th, name_en in rows:
        name = escape((name_en if english else "") or name_th)
        text = f"{escape(code)} · {name}" if codes else name
        mark = " selected" if pk == chosen else ""
        parts.append(f'<option value="{pk}"{mark}>{text}</option>')
    return mark_safe("".join(parts))  # every text above is escaped
