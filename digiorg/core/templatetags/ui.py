"""Small template helpers (builtins: no {% load %})."""

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
