"""Who may see, answer, submit and review assessments.

The answering unit's coordinators and members answer; its coordinators submit; the secretariat
verifies or returns. A department-scope criterion nobody was given is answered by the
department itself, that is by the secretariat."""

from django.db.models import QuerySet
from django.http import Http404

from digiorg.accounts.access import access_for
from digiorg.accounts.roles import Role

from .models import CriterionAssessment

A = CriterionAssessment
OPEN = {A.Status.DRAFT, A.Status.RETURNED}
REVIEWABLE = {A.Status.SUBMITTED, A.Status.VERIFIED}


def assessments_visible(user) -> QuerySet[CriterionAssessment]:
    return CriterionAssessment.objects.filter(access_for(user).unit_q("unit__", "organization_id"))


def assessment_get(user, pk) -> CriterionAssessment:
    try:
        return assessments_visible(user).select_related("unit", "cycle", "criterion").get(pk=pk)
    except (CriterionAssessment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def _roles(user, unit) -> set[str]:
    roles = access_for(user).roles_for(unit)
    if unit.pk == unit.organization_id and Role.SECRETARIAT in roles:
        roles = roles | {Role.COORDINATOR}  # the secretariat answers for the department itself
    return roles


def answerer(user, unit) -> bool:
    """Answers for `unit`, whatever the state of the year: its coordinators and members."""
    return bool(_roles(user, unit) & {Role.COORDINATOR, Role.MEMBER})


def submitter(user, unit) -> bool:
    return Role.COORDINATOR in _roles(user, unit)


def reviewer(user, unit) -> bool:
    return Role.SECRETARIAT in access_for(user).roles_for(unit)


def may_answer(user, unit, cycle, status: str = A.Status.DRAFT) -> bool:
    return cycle.status != cycle.Status.CLOSED and status in OPEN and answerer(user, unit)


def may_submit(user, unit, cycle, status: str = A.Status.DRAFT) -> bool:
    return may_answer(user, unit, cycle, status) and submitter(user, unit)


def may_review(user, assessment: CriterionAssessment) -> bool:
    return (
        assessment.cycle.status != assessment.cycle.Status.CLOSED
        and assessment.status in REVIEWABLE
        and reviewer(user, assessment.unit)
    )


def may_review_cycle(user, cycle) -> bool:
    return Role.SECRETARIAT in access_for(user).wide.get(cycle.organization_id, set())
