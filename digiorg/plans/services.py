"""Writes on actions and progress reports: each in one transaction, with its timeline event;
mail goes out only after the commit."""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require
from digiorg.scoring.freshness import figures_changed

from .models import Action, ActionEvent, Milestone, ProgressReport
from .permissions import (
    COMMENT_REQUIRED,
    EDITABLE,
    action_may_comment,
    action_may_create,
    action_writer,
    may_transition,
    milestones_may_manage,
    progress_may_submit,
    progress_may_write,
    progress_reviewer,
)
from .rules import action_date_problems, milestone_date_problem
from .tasks import action_mail

S = Action.Status


def _check_fields(data: dict, *, fiscal_year: int, milestones=()) -> None:
    """The dates' rules (plans.rules) and the budget's; every problem at once."""
    errors = action_date_problems(
        fiscal_year=fiscal_year,
        start=data.get("start_date"),
        end=data.get("end_date"),
        multi_year=bool(data.get("multi_year")),
        milestones=milestones,
    )
    if data.get("budget") is not None and data["budget"] < 0:
        errors["budget"] = _("The budget cannot be negative.")
    if errors:
        raise ValidationFailed(errors)


def _check_owner(organization_id: int, owner) -> None:
    if owner is not None and owner.organization_id != organization_id:
        raise ValidationFailed({"owner": _("The owner must belong to the department.")})


def _check_criteria(cycle, criteria) -> None:
    if any(c.framework_id != cycle.framework_id for c in criteria):
        raise ValidationFailed({"criteria": _("Criteria must come from the cycle's framework.")})


@transaction.atomic
def action_create(*, actor, cycle, unit, criteria=(), milestones=(), **data) -> Action:
    _check_fields(data, fiscal_year=cycle.fiscal_year, milestones=milestones)
    _check_criteria(cycle, criteria)
    if unit.organization_id != cycle.organization_id:
        raise ValidationFailed({"unit": _("The unit is not part of this cycle's department.")})
    require(action_may_create(actor, cycle, unit))
    if cycle.status == cycle.Status.CLOSED:
        raise ValidationFailed({"": _("This fiscal year is closed.")})
    _check_owner(cycle.organization_id, data.get("owner"))
    action = Action.objects.create(
        organization_id=cycle.organization_id, cycle=cycle, unit=unit, **data
    )
    action.criteria.set(criteria)
    for title, due in milestones:
        Milestone.objects.create(action=action, title=title, due_date=due)
    ActionEvent.objects.create(action=action, actor=actor, to_status=S.DRAFT, comment="")
    figures_changed(cycle.organization_id, cycle.pk)
    return action


@transaction.atomic
def action_update(action: Action, *, version: int, actor, criteria=None, **data) -> Action:
    current = Action.objects.select_for_update().select_related("unit", "cycle").get(pk=action.pk)
    require(action_writer(actor, current))
    if current.version != version:
        raise ConflictError(
            _("Someone else changed this action after you opened it. Reload to see their change.")
        )
    if current.status not in EDITABLE:
        raise ValidationFailed({"": _("Only a draft or a returned action can be changed.")})
    _check_fields(
        {
            "start_date": current.start_date,
            "end_date": current.end_date,
            "multi_year": current.multi_year,
            **data,
        },
        fiscal_year=current.cycle.fiscal_year,
        milestones=current.milestones.values_list("title", "due_date"),
    )
    if "owner" in data:
        _check_owner(current.organization_id, data["owner"])
    if criteria is not None:
        _check_criteria(current.cycle, criteria)
    for key, value in data.items():
        setattr(current, key, value)
    current.version += 1
    current.save()
    if criteria is not None:
        current.criteria.set(criteria)
    figures_changed(current.organization_id, current.cycle_id)
    return current


@transaction.atomic
def action_transition(
    action: Action, *, actor, to_status: str, comment: str = "", version: int | None = None
) -> Action:
    if to_status not in S.values:
        raise ValidationFailed({"": _("Unknown status.")})
    current = Action.objects.select_for_update().select_related("unit").get(pk=action.pk)
    if version is not None and current.version != version:
        raise ConflictError(
            _("Someone else changed this action after you opened it. Reload to see their change.")
        )
    require(
        may_transition(actor, current, to_status),
        _("You cannot move this action from “%(from)s” to “%(to)s”.")
        % {"from": current.get_status_display(), "to": S(to_status).label},
    )
    comment = comment.strip()
    if to_status in COMMENT_REQUIRED and not comment:
        raise ValidationFailed({"comment": _("Say why in a comment.")})
    event = ActionEvent.objects.create(
        action=current,
        actor=actor,
        from_status=current.status,
        to_status=to_status,
        comment=comment,
    )
    current.status = to_status
    current.version += 1
    if to_status == S.DONE:
        current.percent_done = 100
    current.save(update_fields=["status", "percent_done", "version", "updated_at"])
    figures_changed(current.organization_id, current.cycle_id)
    transaction.on_commit(partial(action_mail.enqueue, current.pk, event.pk), robust=True)
    return current


@transaction.atomic
def action_comment(action: Action, *, actor, comment: str) -> ActionEvent:
    require(action_may_comment(actor, action))
    if not comment.strip():
        raise ValidationFailed({"comment": _("The comment is empty.")})
    return ActionEvent.objects.create(action=action, actor=actor, comment=comment.strip())


@transaction.atomic
def progress_save(
    action: Action, *, actor, quarter: int, version: int | None = None, submit: bool = False,
    **data,
) -> ProgressReport:  # fmt: skip
    """Create or change the unit's report for a quarter while it is a draft or returned, and
    with `submit` send it in (the coordinator): both allowed, or nothing is saved."""
    require(progress_may_write(actor, action))
    if submit:
        require(progress_may_submit(actor, action))
    if not 0 <= data.get("percent_done", 0) <= 100:
        raise ValidationFailed({"percent_done": _("Percent done is from 0 to 100.")})
    if data.get("spent") is not None and data["spent"] < 0:
        raise ValidationFailed({"spent": _("Spending cannot be negative.")})
    report = (
        ProgressReport.objects.select_for_update().filter(action=action, quarter=quarter).first()
    )
    if report is None:
        report = ProgressReport.objects.create(
            action=action, organization_id=action.organization_id, quarter=quarter, **data
        )
    else:
        if version is not None and report.version != version:
            raise ConflictError(
                _(
                    "Someone else changed this report after you opened it. Reload to see their change."
                )
            )
        if report.status not in (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED):
            raise ValidationFailed({"": _("This report was already submitted.")})
        for key, value in data.items():
            setattr(report, key, value)
        report.version += 1
        report.save()
    figures_changed(action.organization_id, action.cycle_id)
    return progress_submit(report, actor=actor) if submit else report


@transaction.atomic
def progress_submit(report: ProgressReport, *, actor) -> ProgressReport:
    report = (
        ProgressReport.objects.select_for_update().select_related("action__unit").get(pk=report.pk)
    )
    require(progress_may_submit(actor, report.action))
    if report.status not in (ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED):
        raise ValidationFailed({"": _("This report was already submitted.")})
    report.status = ProgressReport.Status.SUBMITTED
    report.submitted_by, report.submitted_at = actor, timezone.now()
    report.version += 1
    report.save()
    action = Action.objects.select_for_update().get(pk=report.action_id)
    action.percent_done = report.percent_done
    action.version += 1
    fields = ["percent_done", "version", "updated_at"]
    if action.status == S.APPROVED:
        ActionEvent.objects.create(
            action=action,
            actor=actor,
            from_status=S.APPROVED,
            to_status=S.IN_PROGRESS,
            comment=_("Progress reported for Q%(q)s.") % {"q": report.quarter},
        )
        action.status = S.IN_PROGRESS
        fields.append("status")
    action.save(update_fields=fields)
    figures_changed(action.organization_id, action.cycle_id)
    return report


@transaction.atomic
def progress_review(
    report: ProgressReport, *, actor, accept: bool, comment: str = ""
) -> ProgressReport:
    report = (
        ProgressReport.objects.select_for_update().select_related("action__unit").get(pk=report.pk)
    )
    require(progress_reviewer(actor, report.action))
    if report.status != ProgressReport.Status.SUBMITTED:
        raise ValidationFailed({"": _("Only a submitted report can be reviewed.")})
    if not accept and not comment.strip():
        raise ValidationFailed({"comment": _("Say why in a comment.")})
    report.status = ProgressReport.Status.REVIEWED if accept else ProgressReport.Status.RETURNED
    report.reviewed_by, report.reviewed_at, report.review_comment = (
        actor,
        timezone.now(),
        comment.strip(),
    )
    report.version += 1
    report.save()
    figures_changed(report.action.organization_id, report.action.cycle_id)
    return report


@transaction.atomic
def milestone_add(action: Action, *, actor, title: str, due_date) -> Milestone:
    require(milestones_may_manage(actor, action))
    title = title.strip()
    if not title:
        raise ValidationFailed({"title": _("The milestone needs a name.")})
    if problem := milestone_date_problem(action.start_date, action.end_date, due_date):
        raise ValidationFailed({"due_date": problem})
    figures_changed(action.organization_id)  # the unit dashboard lists milestones due
    return Milestone.objects.create(action=action, title=title, due_date=due_date)


@transaction.atomic
def milestone_set_done(milestone: Milestone, *, actor, done: bool) -> Milestone:
    require(milestones_may_manage(actor, milestone.action))
    milestone.done = done
    milestone.save(update_fields=["done"])
    figures_changed(milestone.action.organization_id)
    return milestone
