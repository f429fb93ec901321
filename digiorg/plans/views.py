"""Pages units and the secretariat work in: the plan, an action with its timeline, the inbox,
the year's timeline and topic coverage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digiorg.accounts.models import User
from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.core.forms import apply_errors, save_versioned
from digiorg.cycles.permissions import cycle_from_request, cycles_visible
from digiorg.evidence.permissions import evidence_visible, unit_may_hold
from digiorg.org.permissions import unit_get, units_visible

from . import selectors, services
from .forms import ActionForm, CommentForm, MilestoneForm, ProgressForm, TransitionForm
from .models import Action, ProgressReport
from .permissions import (
    action_get,
    action_may_comment,
    action_may_edit,
    milestones_may_manage,
    next_statuses,
    progress_may_review,
    progress_may_submit,
    progress_may_write,
    units_may_plan,
)


def _cycle_and_unit(request: HttpRequest):
    """The cycle from ?cycle= (else the newest the user sees) and an optional ?unit= filter."""
    cycle = cycle_from_request(request)
    unit = unit_get(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    return cycle, unit


def _context(request, cycle, unit, **extra):
    return {
        "cycle": cycle,
        "unit": unit,
        "cycles": cycles_visible(request.user),
        "may_plan": units_may_plan(request.user).exists(),
        **extra,
    }


def _plan_filters(request: HttpRequest) -> dict:
    """The plan page's filters besides cycle and unit: ?status= (one of the action statuses)
    and ?q= (words of the title)."""
    status = request.GET.get("status", "")
    return {
        "status": status if status in Action.Status.values else "",
        "query": request.GET.get("q", "").strip()[:100],
    }


def _plan_query(cycle, unit, filters: dict) -> str:
    """The page's cycle, unit and filters as a query string, for the topics' links."""
    params = {"cycle": cycle.pk, "unit": unit.pk if unit else "", "status": filters["status"],
              "q": filters["query"]}  # fmt: skip
    return urlencode({k: v for k, v in params.items() if v})


def _row_urls() -> dict:
    """The URLs the plan page repeats; for an action's and a topic fragment's, the prefix to
    which the page appends the id, rather than calling reverse() for each of up to 50 rows and
    every topic."""
    return {
        "plan_url": reverse("plans:plan"),
        "action_base": reverse("plans:action-detail", args=[0]).removesuffix("0/"),
        "topic_base": reverse("plans:plan-topic", args=[selectors.UNLINKED]).removesuffix(
            f"{selectors.UNLINKED}/"
        ),
    }


@login_required
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    """Dimensions and topics, collapsed with their figures; one topic (?topic=) may come
    opened with a page of its actions (?page=), as the page without JavaScript shows it."""
    cycle, unit = _cycle_and_unit(request)
    filters = _plan_filters(request)
    context = _context(request, cycle, unit, filters=filters)
    if cycle:
        actions = selectors.plan_actions(request.user, cycle, unit=unit, **filters)
        context |= {
            "outline": selectors.plan_outline(
                actions, cycle.framework, request.GET.get("topic"), request.GET.get("page")
            ),
            "units": units_visible(request.user)
            .filter(organization_id=cycle.organization_id, is_active=True)
            .order_by("path"),
            "statuses": Action.Status.choices,
            "plan_query": _plan_query(cycle, unit, filters),
            **_row_urls(),
        }
    return render(request, "plans/plan.html", context)


@login_required
@require_GET
def plan_topic(request: HttpRequest, key: str) -> HttpResponse:
    """One topic's actions, a page at a time: the part of the plan page that htmx loads when a
    topic is opened (key: a framework node's id, or "unlinked"). Same scope as the page."""
    cycle, unit = _cycle_and_unit(request)
    if cycle is None:
        raise Http404
    if key == selectors.UNLINKED:
        node = None
    elif key.isdigit() and cycle.framework.nodes.filter(pk=key).exists():
        node = int(key)
    else:
        raise Http404
    filters = _plan_filters(request)
    actions = selectors.plan_actions(request.user, cycle, unit=unit, **filters)
    context = {
        "topic": {"key": key, "page": selectors.topic_rows(actions, node, request.GET.get("page"))},
        "plan_query": _plan_query(cycle, unit, filters),
        **_row_urls(),
    }
    return render(request, "plans/plan.html#topic-rows", context)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    cycle, unit = _cycle_and_unit(request)
    items = selectors.inbox(request.user, cycle) if cycle else {"actions": [], "reports": []}
    return render(request, "plans/inbox.html", _context(request, cycle, unit, items=items))


@login_required
def timeline(request: HttpRequest) -> HttpResponse:
    cycle, unit = _cycle_and_unit(request)
    data = selectors.timeline(request.user, cycle, unit) if cycle else None
    return render(request, "plans/timeline.html", _context(request, cycle, unit, timeline=data))


@login_required
def coverage(request: HttpRequest) -> HttpResponse:
    cycle, unit = _cycle_and_unit(request)
    criteria = selectors.coverage(request.user, cycle) if cycle else []
    # action_count: annotated by selectors.coverage, not a model field
    uncovered = sum(1 for c in criteria if not c.action_count)  # type: ignore[attr-defined, misc]
    return render(
        request,
        "plans/coverage.html",
        _context(request, cycle, unit, criteria=criteria, uncovered=uncovered),
    )


def _action_form(request, cycle, *, instance=None, initial=None):
    units = units_may_plan(request.user).filter(organization_id=cycle.organization_id)
    criteria = cycle.framework.criteria.filter(retired=False).order_by("position")
    owners = User.objects.filter(organization_id=cycle.organization_id, is_active=True).order_by(
        "name"
    )
    return ActionForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        units=units,
        criteria=criteria,
        owners=owners,
    )


@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    cycle, unit = _cycle_and_unit(request)
    if (
        cycle is None
        or not units_may_plan(request.user).filter(organization_id=cycle.organization_id).exists()
    ):
        raise PermissionDenied
    form = _action_form(
        request,
        cycle,
        initial={
            "unit": unit
            or units_may_plan(request.user).filter(organization_id=cycle.organization_id).first(),
            "owner": request.user,
            "start_date": cycle.bounds[0],
            "end_date": cycle.bounds[1],
            # ?criterion=<id>: "plan an action for this" on the coverage page pre-ticks it
            # (an id outside the form's criteria is simply not ticked)
            "criteria": [int(c) for c in request.GET.getlist("criterion") if c.isdigit()],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            action = services.action_create(actor=request.user, cycle=cycle, **data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The action was saved as a draft."))
            return redirect("plans:action-detail", action.pk)
    return render(request, "plans/action_form.html", {"form": form, "cycle": cycle, "action": None})


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    if not action_may_edit(request.user, action):
        raise PermissionDenied
    form = _action_form(request, action.cycle, instance=action, initial={"version": action.version})
    if request.method == "POST" and form.is_valid():
        form.cleaned_data.pop("unit", None)
        if save_versioned(
            form, lambda obj, **kw: services.action_update(obj, actor=request.user, **kw), action
        ):
            messages.success(request, _("Your changes were saved."))
            return redirect("plans:action-detail", action.pk)
    return render(
        request, "plans/action_form.html", {"form": form, "cycle": action.cycle, "action": action}
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    events = action.events.select_related("actor")
    reports = action.progress_reports.select_related("submitted_by", "reviewed_by")
    taken = {r.quarter for r in reports}
    progress_form = None
    if progress_may_write(request.user, action):
        free = [q for q in (1, 2, 3, 4) if q not in taken] or [1]
        progress_form = ProgressForm(
            initial={"quarter": free[0], "percent_done": action.percent_done}
        )
    context = {
        "action": action,
        "criteria": action.criteria.select_related("node").order_by("position"),
        "milestones": action.milestones.all(),
        "events": events,
        "reports": reports,
        "next_statuses": [(s, Action.Status(s).label) for s in next_statuses(request.user, action)],
        "may_edit": action_may_edit(request.user, action),
        "may_submit_progress": progress_may_submit(request.user, action),
        "may_review": any(progress_may_review(request.user, r) for r in reports),
        "progress_form": progress_form,
        "evidence": evidence_visible(request.user).filter(actions=action).select_related("current"),
        "may_add_evidence": unit_may_hold(request.user, action.unit),
        "comment_form": CommentForm(),
        "milestone_form": MilestoneForm() if milestones_may_manage(request.user, action) else None,
        "may_comment": action_may_comment(request.user, action),
    }
    return render(request, "plans/action_detail.html", context)


@login_required
@require_POST
def action_transition(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid step."))
        return redirect("plans:action-detail", action.pk)
    if form.cleaned_data["to_status"] not in next_statuses(request.user, action):
        raise PermissionDenied
    try:
        services.action_transition(
            action, actor=request.user, to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"], version=form.cleaned_data["version"],
        )  # fmt: skip
    except (ConflictError, ValidationFailed) as exc:
        messages.error(
            request,
            exc.errors.get("comment", str(exc)) if isinstance(exc, ValidationFailed) else str(exc),
        )
    else:
        messages.success(
            request,
            _("The action is now “%(status)s”.")
            % {"status": Action.Status(form.cleaned_data["to_status"]).label},
        )
    return redirect("plans:action-detail", action.pk)


@login_required
@require_POST
def action_comment(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.action_comment(action, actor=request.user, comment=form.cleaned_data["comment"])
        messages.success(request, _("Your comment was added."))
    else:
        messages.error(request, _("The comment is empty."))
    return redirect(reverse("plans:action-detail", args=[action.pk]) + "#timeline")


@login_required
@require_POST
def progress_save(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    if not progress_may_write(request.user, action):
        raise PermissionDenied
    form = ProgressForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.progress_save(
                action, actor=request.user, submit=bool(request.POST.get("submit")), **data
            )
        except (ConflictError, ValidationFailed) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The progress report was saved."))
            return redirect(reverse("plans:action-detail", args=[action.pk]) + "#progress")
    else:
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(map(str, e))}"
            for f, e in form.errors.items()
        )
        messages.error(request, _("The report was not saved: %(errors)s") % {"errors": errors})
    return redirect(reverse("plans:action-detail", args=[action.pk]) + "#progress")


@login_required
@require_POST
def progress_review(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    report = get_object_or_404(
        ProgressReport.objects.select_related("action__unit"), pk=report_pk, action=action
    )
    if not progress_may_review(request.user, report):
        raise PermissionDenied
    try:
        services.progress_review(
            report,
            actor=request.user,
            accept=request.POST.get("accept") == "1",
            comment=request.POST.get("comment", ""),
        )
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The review was saved."))
    return redirect(reverse("plans:action-detail", args=[action.pk]) + "#progress")


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    if not milestones_may_manage(request.user, action):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed({"": _("Give the milestone a name and a date.")})
        services.milestone_add(action, actor=request.user, **form.cleaned_data)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.errors.values()))
    else:
        messages.success(request, _("The milestone was added."))
    return redirect(reverse("plans:action-detail", args=[action.pk]) + "#milestones")


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    action = action_get(request.user, pk)
    if not milestones_may_manage(request.user, action):
        raise PermissionDenied
    milestone = get_object_or_404(action.milestones, pk=milestone_pk)
    services.milestone_set_done(milestone, actor=request.user, done=request.POST.get("done") == "1")
    return redirect(reverse("plans:action-detail", args=[action.pk]) + "#milestones")
