"""Buttons named for what they do, and whose move an action or a progress report waits for.

A status says where a thing is ("submitted"); a button says what pressing it does ("submit for
review"). The permission rules (plans.permissions.TRANSITIONS) say who makes each move; the
labels here follow them.
"""

from django import template
from django.utils.translation import gettext_lazy as _

from digiorg.plans.models import Action, ProgressReport

register = template.Library()
S = Action.Status
R = ProgressReport.Status

# The move to a status, as the button that makes it.
MOVES: dict[str, object] = {
    S.SUBMITTED: _("Submit for review"),
    S.RETURNED: _("Return for changes"),
    S.APPROVED: _("Approve"),
    S.IN_PROGRESS: _("Start work"),
    S.DONE: _("Close as done"),
    S.CANCELLED: _("Cancel the action"),
}
# Whose move an action in a status waits for (none once it is finished).
ACTION_WAITS: dict[str, object] = {
    S.DRAFT: _("Waiting for the coordinator to submit"),
    S.RETURNED: _("Waiting for the unit to revise and resubmit"),
    S.SUBMITTED: _("Waiting for the secretariat's review and the executive's approval"),
    S.APPROVED: _("Waiting for the unit to start work"),
    S.IN_PROGRESS: _("Waiting for the unit to report progress and close it"),
}
REPORT_WAITS: dict[str, object] = {
    R.DRAFT: _("Waiting for the coordinator to submit"),
    R.SUBMITTED: _("Waiting for the secretariat to review"),
    R.RETURNED: _("Waiting for the unit to revise and resubmit"),
}


@register.filter
def move_label(status: str) -> str:
    return str(MOVES.get(status, status))


@register.filter
def action_waiting(status: str) -> str:
    return str(ACTION_WAITS.get(status, ""))


@register.filter
def report_waiting(status: str) -> str:
    return str(REPORT_WAITS.get(status, ""))


@register.simple_tag(takes_context=True)
def may_use_inbox(context, cycle) -> bool:
    """The inbox lists what waits for review or approval: the secretariat and executives."""
    from digiorg.plans.permissions import inbox_sections

    request = context.get("request")
    return bool(request and cycle and any(inbox_sections(request.user, cycle)))


@register.simple_tag(takes_context=True)
def may_import_plan(context, cycle) -> bool:
    from digiorg.plans.permissions import plan_may_import

    request = context.get("request")
    return bool(request and cycle and plan_may_import(request.user, cycle))
