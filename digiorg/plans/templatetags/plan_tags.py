"""Badges and figures of the plan page as tags that return HTML: the page renders them for
every row and every topic, and a tag costs far less than an {% include %} each time. The
badges' HTML is built once per language."""

from functools import lru_cache

from django import template
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digiorg.core.templatetags.ui import score
from digiorg.plans.models import Action

register = template.Library()

S = Action.Status
BADGE_CLASSES = {
    S.APPROVED: "text-bg-success", S.DONE: "text-bg-success", S.SUBMITTED: "text-bg-primary",
    S.RETURNED: "text-bg-warning", S.CANCELLED: "text-bg-secondary", S.IN_PROGRESS: "text-bg-info",
}  # fmt: skip
OTHER_CLASSES = "text-bg-light border"  # draft, and any status added later


@lru_cache(maxsize=8)
def _badges(language: str) -> dict[str, tuple[str, str]]:
    """status -> (opening tag, escaped label) in `language`, the same colours as
    plans/_status.html."""
    with translation.override(language):
        return {
            str(status): (
                f'<span class="badge status-{status} {BADGE_CLASSES.get(status, OTHER_CLASSES)}">',
                escape(str(status.label)),
            )
            for status in S
        }


def _badge(status: str, suffix: str = "") -> str:
    badges = _badges(translation.get_language() or "th")
    opening, label = badges.get(status) or (
        f'<span class="badge {OTHER_CLASSES}">',
        escape(status),
    )
    return f"{opening}{label}{suffix}</span>"


@register.filter
def status_badge(status: str) -> SafeString:
    """An action's status as a coloured badge."""
    return mark_safe(_badge(status))  # every part escaped by _badge


@register.simple_tag
def plan_summary(summary) -> SafeString:
    """A collapsed topic's (or dimension's) figures: how many actions, how many in each status,
    their budget and mean percent done (both leaving cancelled actions out)."""
    statuses = " ".join(_badge(status, f" {n}") for status, n in summary.counts)
    # plain formatting: floatformat's localisation costs more than the rest of the tag, and
    # both languages group thousands with a comma
    count = ngettext("%(count)s action", "%(count)s actions", summary.count) % {
        "count": f"{summary.count:,}"
    }
    return format_html(
        '<span class="plan-summary"><span class="plan-summary-count">{}</span> '
        '<span class="plan-summary-statuses">{}</span> '
        '<span class="plan-summary-figure">{} {}</span> '
        '<span class="plan-summary-figure">{} {}%</span></span>',
        count,
        mark_safe(statuses),  # built by _badge from escaped parts
        _("budget (THB)"),
        f"{summary.budget:,.0f}",
        _("mean done"),
        score(summary.mean_percent),
    )


@register.filter
def baht(value) -> str:
    """An amount in baht with thousands grouped and two decimals (1,250,000.00): what
    floatformat:"2g" prints in both languages, at a fraction of its cost per row."""
    if value is None or value == "":
        return ""
    return f"{value:,.2f}"
