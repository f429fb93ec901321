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
