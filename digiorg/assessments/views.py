"""Self-assessment pages: the units' overview and a unit's workspace, one answer, the
secretariat's review queue, and the score tree."""

from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from digiorg.core.errors import ConflictError, ValidationFailed
from digiorg.core.forms import apply_errors
from digiorg.cycles.permissions import cycle_from_request, cycle_get, cycles_visible
from digiorg.evidence.models import Evidence
from digiorg.evidence.permissions import unit_may_hold
from digiorg.evidence.selectors import evidence_for_answer
from digiorg.frameworks.models import FrameworkNode
from digiorg.indicators.selectors import suggestion_for
from digiorg.org.permissions import unit_get
from digiorg.scoring.permissions import figures_unit
from digiorg.scoring.selectors import score_document

from . import selectors, services
from .forms import AnswerForm, BaselineForm, ReviewForm
from .models import CriterionAssessment
from .permissions import assessment_get, may_answer, may_review, may_review_cycle, may_submit
from .selectors import Row, options_in_place
from .slots import cycle_slots


class HtmxHttpRequest(HttpRequest):
    """A request as django_htmx's HtmxMiddleware leaves it (for type checking)."""

    htmx: HtmxDetails


def _unit(request):
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    return unit_get(request.user, unit_id) if unit_id else None


def _node(cycle, node_id):
    if not str(node_id or "").isdigit():
        return None
    return FrameworkNode.objects.filter(framework_id=cycle.framework_id, pk=node_id).first()


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Without ?unit=: the units that answer, with their progress. With it: that unit's
    criteria topic by topic."""
    cycle, unit = cycle_from_request(request), _unit(request)
    context = {"cycle": cycle, "unit": unit, "cycles": cycles_visible(request.user)}
    if cycle is None:
        return render(request, "assessments/workspace.html", context)
    if unit is None:
        context["lines"] = selectors.units_overview(request.user, cycle)
        context["may_review"] = may_review_cycle(request.user, cycle)
        context["earlier"] = [c for c in context["cycles"] if c.fiscal_year < cycle.fiscal_year]
        return render(request, "assessments/overview.html", context)
    context["dimensions"] = selectors.workspace(cycle, unit)
    context["may_submit"] = may_submit(request.user, unit, cycle)
    context["may_answer"] = may_answer(request.user, unit, cycle)
    return render(request, "assessments/workspace.html", context)


def _workspace_url(cycle, unit) -> str:
    return reverse("assessments:workspace") + "?" + urlencode({"cycle": cycle.pk, "unit": unit.pk})


@login_required
def answer(request: HttpRequest, cycle_id: int, criterion_id: int, unit_id: int) -> HttpResponse:
    cycle, unit = cycle_get(request.user, cycle_id), unit_get(request.user, unit_id)
    criterion = (
        cycle.framework.criteria.filter(pk=criterion_id, retired=False)
        .select_related("node")
        .first()
    )
    if criterion is None or (criterion.pk, unit.pk) not in set(
        cycle_slots(cycle, criteria=[(criterion.pk, criterion.scope)])
    ):
        raise Http404
    current = CriterionAssessment.objects.filter(
        cycle=cycle, criterion=criterion, unit=unit
    ).first()
    status = current.status if current else CriterionAssessment.Status.DRAFT
    writable = may_answer(request.user, unit, cycle, status)
    choices = evidence_for_answer(unit, criterion)
    options = list(criterion.options.filter(retired=False)) if criterion.kind != "result" else []
    form = None
    if writable:
        initial: dict[str, Any] = {"version": current.version if current else 0}
        if current:
            initial |= {
                "result": current.result,
                "options": current.options,
                "not_applicable": current.result == CriterionAssessment.Result.NOT_APPLICABLE,
                "note": current.note,
                "evidence": list(current.evidence.all()),
            }
        cite = request.GET.get("cite", "")
        if cite.isdigit() and int(cite) in {e.pk for e in choices}:
            # just attached from an indicator: ticked, for the person to save with the answer
            initial["evidence"] = [*initial.get("evidence", []), int(cite)]
        form = AnswerForm(
            request.POST or None, initial=initial, options=options,
            evidence=Evidence.objects.filter(pk__in=[e.pk for e in choices]),
        )  # fmt: skip
        evidence_field = cast(forms.ModelMultipleChoiceField, form.fields["evidence"])
        evidence_field.choices = [(e.pk, e) for e in choices]
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            result, ticked = form.answer()
            try:
                saved = services.assessment_save(
                    actor=request.user, cycle=cycle, criterion=criterion, unit=unit,
                    result=result, options=ticked, note=data["note"],
                    evidence=list(data["evidence"]),
                    version=data["version"] or 0 if current else data["version"],
                )  # fmt: skip
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationFailed as exc:
                apply_errors(form, exc)
            else:
                if Row(criterion, saved).needs_evidence:
                    # say it where the person looks, and stay where evidence is attached
                    messages.warning(request, _(
                        "The answer to %(ref)s was saved as %(result)s, but it has no valid "
                        "evidence: attach evidence before it can be submitted."
                    ) % {"ref": criterion.ref, "result": saved.get_result_display()})  # fmt: skip
                    return redirect(request.get_full_path())
                messages.success(
                    request, _("The answer to %(ref)s was saved.") % {"ref": criterion.ref}
                )
                return redirect(_workspace_url(cycle, unit) + f"#c{criterion.pk}")
    context = {
        "cycle": cycle, "unit": unit, "criterion": criterion, "answer": current, "form": form,
        "choices": choices, "options": options_in_place(criterion, options, current),
        "events": current.events.select_related("actor") if current else [],
        "evidence": current.evidence.select_related("current") if current else [],
        "may_submit": current is not None and may_submit(request.user, unit, cycle, status),
        "may_review": current is not None and may_review(request.user, current),
        "may_add_evidence": unit_may_hold(request.user, unit),
        "needs_evidence": current is not None and Row(criterion, current).needs_evidence,
        "suggestion": suggestion_for(cycle, criterion, unit),
        "may_attach": form is not None and unit_may_hold(request.user, unit),
        "here": request.get_full_path(),
    }  # fmt: skip
    return render(request, "assessments/answer.html", context)


@login_required
@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """Submit a unit's answers: one criterion (?criterion=), a topic (?topic=) or all."""
    cycle, unit = cycle_from_request(request), _unit(request)
    if cycle is None or unit is None:
        raise Http404
    if not may_submit(request.user, unit, cycle):
        raise PermissionDenied
    topic_id, criterion_id = request.POST.get("topic"), request.POST.get("criterion")
    node = _node(cycle, topic_id)
    criterion = None
    if criterion_id and criterion_id.isdigit():
        criterion = cycle.framework.criteria.filter(pk=int(criterion_id), retired=False).first()
    if (topic_id and node is None) or (criterion_id and criterion is None):
        raise Http404  # an unknown topic or criterion must not widen the submit to everything
    try:
        count = services.assessments_submit(
            actor=request.user, cycle=cycle, unit=unit, node=node, criterion=criterion
        )
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.errors.values()))
    else:
        messages.success(
            request, _("%(n)s answers were submitted for verification.") % {"n": count}
        )
    return redirect(_workspace_url(cycle, unit))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    cycle = cycle_from_request(request)
    if cycle is None or not may_review_cycle(request.user, cycle):
        raise PermissionDenied
    unit, node = _unit(request), _node(cycle, request.GET.get("topic"))
    items = selectors.review_queue(request.user, cycle, unit=unit, node=node)
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    topics = FrameworkNode.objects.filter(framework_id=cycle.framework_id, retired=False).exclude(
        kind=FrameworkNode.Kind.SUBTOPIC
    )
    context = {
        "cycle": cycle, "cycles": cycles_visible(request.user), "unit": unit, "node": node,
        "page": page, "query": query, "topics": topics.order_by("position"),
    }  # fmt: skip
    return render(request, "assessments/queue.html", context)


@login_required
@require_POST
def review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_get(request.user, pk)
    form = ReviewForm(request.POST)
    if not may_review_cycle(request.user, assessment.cycle):
        raise PermissionDenied
    error = None
    if not form.is_valid():
        error = _("Choose verify or return.")
    else:
        data = form.cleaned_data
        try:
            assessment = services.assessment_review(
                assessment, actor=request.user, verify=data["decision"] == "verify",
                comment=data["comment"], version=data["version"],
            )  # fmt: skip
        except ConflictError as exc:
            error = str(exc)
        except ValidationFailed as exc:
            error = " ".join(exc.errors.values())
    if request.htmx:
        return render(
            request, "assessments/queue.html#row",
            {"a": assessment, "error": error, "done": error is None, "cycle": assessment.cycle},
        )  # fmt: skip
    if error:
        messages.error(request, error)
    else:
        label = CriterionAssessment.Status(assessment.status).label
        messages.success(
            request, _("%(ref)s: %(status)s.") % {"ref": assessment.criterion.ref, "status": label}
        )
    back = request.POST.get("back")
    if not back or not url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    ):
        back = reverse("assessments:queue") + f"?cycle={assessment.cycle_id}"
    return redirect(back)


@login_required
@require_POST
def baseline(request: HttpRequest) -> HttpResponse:
    cycle = cycle_from_request(request)
    if cycle is None or not may_review_cycle(request.user, cycle):
        raise PermissionDenied
    form = BaselineForm(request.POST)
    earlier = (
        cycles_visible(request.user).filter(pk=form.data["from_cycle"]).first()
        if form.is_valid()
        else None
    )
    if earlier is None:
        messages.error(request, _("Choose an earlier fiscal year."))
    else:
        try:
            count = services.assessments_baseline(
                actor=request.user, cycle=cycle, from_cycle=earlier
            )
        except ValidationFailed as exc:
            messages.error(request, " ".join(exc.errors.values()))
        else:
            messages.success(
                request,
                _("%(n)s answers were brought in from FY %(year)s as a starting point.")
                % {"n": count, "year": earlier.fiscal_year},
            )
    return redirect(reverse("assessments:workspace") + f"?cycle={cycle.pk}")


@login_required
def scores(request: HttpRequest) -> HttpResponse:
    cycle, unit = cycle_from_request(request), _unit(request)
    if cycle is not None:
        unit = figures_unit(request.user, cycle, unit)
    document = score_document(cycle, unit) if cycle else None
    context = {
        "cycle": cycle,
        "unit": unit,
        "cycles": cycles_visible(request.user),
        "scores": document,
    }
    return render(request, "assessments/scores.html", context)
