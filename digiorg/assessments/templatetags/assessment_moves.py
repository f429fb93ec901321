"""Whose move an answer waits for, and whether the person may use the verification queue (the
tab is shown only to those the permission rule lets in)."""

from django import template
from django.utils.translation import gettext_lazy as _

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.permissions import may_review_cycle

register = template.Library()
A = CriterionAssessment.Status

ANSWER_WAITS: dict[str, object] = {
    "": _("Waiting for the unit to answer"),
    A.DRAFT: _("Waiting for the coordinator to submit"),
    A.SUBMITTED: _("Waiting for the secretariat to verify"),
    A.RETURNED: _("Waiting for the unit to revise and resubmit"),
}


@register.filter
def answer_waiting(status: str | None) -> str:
    return str(ANSWER_WAITS.get(status or "", ""))


@register.simple_tag(takes_context=True)
def may_use_queue(context, cycle) -> bool:
    request = context.get("request")
    return bool(request and cycle and may_review_cycle(request.user, cycle))
