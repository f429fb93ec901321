"""Writes on self-assessments: answer, submit (one, a topic or all), verify or return, and
bring in last year's answers. Each in one transaction; the score snapshot is refreshed after
the commit."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from digiorg.core.errors import ConflictError, ValidationFailed, require
from digiorg.evidence.permissions import evidence_may_cite
from digiorg.frameworks.models import Criterion
from digiorg.scoring.compute import option_outcome
from digiorg.scoring.freshness import figures_changed

from .models import AssessmentEvent, CriterionAssessment
from .permissions import OPEN, REVIEWABLE, answerer, may_review_cycle, reviewer, submitter
from .slots import cycle_slots

A = CriterionAssessment
NEEDS_EVIDENCE = {A.Result.MET, A.Result.PARTIAL}


def _check_slot(cycle, criterion: Criterion, unit) -> None:
    if criterion.framework_id != cycle.framework_id or criterion.retired:
        raise ValidationFailed({"criterion": _("The criterion is not part of this cycle.")})
    if (criterion.pk, unit.pk) not in set(
        cycle_slots(cycle, criteria=[(criterion.pk, criterion.scope)])
    ):
        raise ValidationFailed(
            {"unit": _("This unit does not answer criterion %(ref)s in this cycle.") % {"ref": criterion.ref}}
        )  # fmt: skip


def option_codes(criterion: Criterion) -> list[str]:
    """Codes of the criterion's active options, in the file's order (none for a result one)."""
    if criterion.kind == Criterion.Kind.RESULT:
        return []
    return list(criterion.options.filter(retired=False).values_list("code", flat=True))


def answer_from_options(
    criterion: Criterion, result: str, options: list[str] | None, codes: list[str]
) -> tuple[str, list[str]]:
    """(result, options) to store. A checklist or any_of answer's result follows from the
    options ticked (scoring.compute.option_outcome); only "not applicable" is chosen instead,
    and it clears the ticks. A result given with options must be the one they give."""
    if criterion.kind == Criterion.Kind.RESULT:
        if options:
            raise ValidationFailed(
                {"options": _("Criterion %(ref)s has no options to tick.") % {"ref": criterion.ref}}
            )
        return result, []
    if result == A.Result.NOT_APPLICABLE:
        return result, []
    chosen = set(options or ())
    unknown = sorted(chosen.difference(codes))
    if unknown:
        raise ValidationFailed(
            {"options": _("Criterion %(ref)s has no option %(codes)s.")
             % {"ref": criterion.ref, "codes": ", ".join(unknown)}}
        )  # fmt: skip
    derived, _points = option_outcome(
        criterion.kind, len(chosen), len(codes), criterion.min_options
    )
    if result and result != derived:
        raise ValidationFailed(
            {"result": _("The result of %(ref)s follows from the options ticked (%(result)s): "
                         "tick the options in place, or choose not applicable.")
             % {"ref": criterion.ref, "result": A.Result(derived).label}}
        )  # fmt: skip
    return derived, [code for code in codes if code in chosen]


def _check_evidence(unit, evidence) -> None:
    if any(not evidence_may_cite(unit, e) for e in evidence):
        raise ValidationFailed(
            {"evidence": _("Cite evidence held by the answering unit or a unit above it.")}
        )


@transaction.atomic
def assessment_save(
    *, actor, cycle, criterion, unit, result: str, note: str = "", evidence=None,
    version: int | None = None, options: list[str] | None = None,
) -> CriterionAssessment:  # fmt: skip
    """Create or change the unit's answer. A submitted or verified answer cannot be changed
    (the secretariat returns it first); `version` guards against overwriting someone's save.
    A checklist or any_of criterion is answered with the codes of the `options` in place."""
    require(answerer(actor, unit))
    if cycle.status == cycle.Status.CLOSED:
        raise ValidationFailed({"": _("This fiscal year is closed.")})
    if result and result not in A.Result.values:
        raise ValidationFailed(
            {"result": _("Choose met, partially met, not met or not applicable.")}
        )
    _check_slot(cycle, criterion, unit)
    result, options = answer_from_options(criterion, result, options, option_codes(criterion))
    if evidence is not None:
        _check_evidence(unit, evidence)
    assessment = (
        A.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, criterion=criterion, unit=unit)
        .select_related("criterion", "unit")
        .first()
    )
    if assessment is None:
        if version not in (None, 0):
            raise ConflictError(_("This answer was removed after you opened it."))
        assessment = A.objects.create(
            organization_id=cycle.organization_id, cycle=cycle, criterion=criterion, unit=unit,
            scope=criterion.scope, result=result, options=options, note=note, updated_by=actor,
        )  # fmt: skip
    else:
        if version is not None and assessment.version != version:
            raise ConflictError(
                _(
                    "Someone else changed this answer after you opened it. Reload to see their change."
                )
            )
        if assessment.status not in OPEN:
            raise ValidationFailed(
                {"": _("A submitted answer cannot be changed until it is returned.")}
            )
        assessment.result, assessment.options, assessment.note = result, options, note
        assessment.baseline = False
        assessment.updated_by = actor
        assessment.version += 1
        assessment.save()
    if evidence is not None:
        assessment.evidence.set(evidence)
    figures_changed(cycle.organization_id, cycle.pk)
    return assessment


def _submit_problems(assessments, today) -> list[str]:
    problems = []
    for a in assessments:
        if not a.result:
            problems.append(_("%(ref)s has no result yet.") % {"ref": a.criterion.ref})
        elif a.result in NEEDS_EVIDENCE and not any(
            not e.is_expired(today) for e in a.evidence.all()
        ):
            problems.append(
                _("%(ref)s is marked %(result)s but has no evidence that is still valid.")
                % {"ref": a.criterion.ref, "result": a.get_result_display()}
            )
    return problems


@transaction.atomic
def assessments_submit(*, actor, cycle, unit, node=None, criterion=None) -> int:
    """Submit the unit's open answers: of one topic (and its sub-topics) or all. Every criterion
    the unit answers there must have a result, and met or partial needs valid evidence; if any
    does not, nothing is submitted and the message lists them."""
    require(submitter(actor, unit), _("Only the unit's coordinator can submit its answers."))
    if cycle.status == cycle.Status.CLOSED:
        raise ValidationFailed({"": _("This fiscal year is closed.")})
    criteria = Criterion.objects.filter(framework_id=cycle.framework_id, retired=False)
    if node is not None:
        criteria = criteria.filter(Q(node=node) | Q(node__ref__startswith=f"{node.ref}."))
    if criterion is not None:
        criteria = criteria.filter(pk=criterion.pk)
    wanted = {
        c for c, u in cycle_slots(cycle, criteria=criteria.order_by("position").values_list("id", "scope"))
        if u == unit.pk
    }  # fmt: skip
    answers = {
        a.criterion_id: a
        for a in A.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, unit=unit, criterion_id__in=wanted)
        .select_related("criterion", "unit")
        .prefetch_related("evidence")
    }
    refs = dict(criteria.filter(pk__in=wanted).values_list("id", "ref"))
    problems = [
        _("%(ref)s has no result yet.") % {"ref": refs[c]}
        for c in sorted(wanted - set(answers), key=lambda c: refs[c])
    ]
    to_submit = [a for a in answers.values() if a.status in OPEN]
    problems += _submit_problems(to_submit, timezone.localdate())
    if problems:
        raise ValidationFailed({"": " ".join(problems)})
    if not to_submit:
        raise ValidationFailed({"": _("There is nothing left to submit here.")})
    now = timezone.now()
    for a in to_submit:
        a.status, a.submitted_at, a.version = A.Status.SUBMITTED, now, a.version + 1
        a.save(update_fields=["status", "submitted_at", "version", "updated_at"])
    AssessmentEvent.objects.bulk_create(
        [
            AssessmentEvent(assessment=a, actor=actor, to_status=A.Status.SUBMITTED)
            for a in to_submit
        ]
    )
    figures_changed(cycle.organization_id, cycle.pk)
    return len(to_submit)


@transaction.atomic
def assessment_review(
    assessment: CriterionAssessment, *, actor, verify: bool, comment: str = "", version: int
) -> CriterionAssessment:
    """The secretariat verifies a submitted answer or returns it (with a comment); a verified
    answer can still be returned. Two reviewers at once: the second gets a conflict."""
    current = (
        A.objects.select_for_update(of=("self",))
        .select_related("cycle", "unit", "criterion")
        .get(pk=assessment.pk)
    )
    require(reviewer(actor, current.unit))
    if current.version != version:
        raise ConflictError(
            _("Someone else reviewed or changed this answer after you opened it. Reload to see it.")
        )
    if (
        current.cycle.status == current.cycle.Status.CLOSED
        or current.status not in REVIEWABLE
        or (verify and current.status != A.Status.SUBMITTED)
    ):
        raise ValidationFailed({"": _("You cannot review this answer now.")})
    comment = comment.strip()
    if not verify and not comment:
        raise ValidationFailed(
            {"comment": _("Say what needs to change when you return an answer.")}
        )
    current.status = A.Status.VERIFIED if verify else A.Status.RETURNED
    current.reviewer, current.reviewed_at = actor, timezone.now()
    current.review_comment = comment
    current.version += 1
    current.save()
    AssessmentEvent.objects.create(
        assessment=current, actor=actor, to_status=current.status, comment=comment
    )
    figures_changed(current.organization_id, current.cycle_id)
    return current


@transaction.atomic
def assessments_baseline(*, actor, cycle, from_cycle) -> int:
    """Copy the earlier cycle's submitted and verified answers (matched by criterion ref and
    unit) as drafts marked 'from last year', where this cycle has no answer yet."""
    require(may_review_cycle(actor, cycle))
    if from_cycle.organization_id != cycle.organization_id or from_cycle.pk == cycle.pk:
        raise ValidationFailed({"from_cycle": _("Choose an earlier cycle of the same department.")})
    if cycle.status == cycle.Status.CLOSED:
        raise ValidationFailed({"": _("This fiscal year is closed.")})
    rows = Criterion.objects.filter(framework_id=cycle.framework_id, retired=False)
    criteria = list(rows.values_list("id", "scope", "ref"))
    by_ref = {ref: (cid, scope) for cid, scope, ref in criteria}
    with_options = {c.pk: (c, option_codes(c)) for c in rows.exclude(kind=Criterion.Kind.RESULT)}
    slots = set(cycle_slots(cycle, criteria=[(cid, scope) for cid, scope, _ in criteria]))
    existing = set(A.objects.filter(cycle=cycle).values_list("criterion_id", "unit_id"))
    earlier = (
        A.objects.filter(cycle=from_cycle, status__in=[A.Status.SUBMITTED, A.Status.VERIFIED])
        .select_related("criterion")
        .prefetch_related("evidence")
    )
    created = 0
    for old in earlier:
        cid, scope = by_ref.get(old.criterion.ref, (None, None))
        if (
            cid is None
            or scope is None
            or (cid, old.unit_id) not in slots
            or (cid, old.unit_id) in existing
        ):
            continue
        options: list[str] = []
        result = old.result
        if cid in with_options:  # re-derived: this year's options may differ from last year's
            criterion, codes = with_options[cid]
            ticked = [code for code in old.options if code in codes]
            result, options = answer_from_options(
                criterion, "" if result != A.Result.NOT_APPLICABLE else result, ticked, codes
            )
        new = A.objects.create(
            organization_id=cycle.organization_id, cycle=cycle, criterion_id=cid, unit_id=old.unit_id,
            scope=scope, result=result, options=options, note=old.note, baseline=True,
            updated_by=actor,
        )  # fmt: skip
        new.evidence.set(old.evidence.all())
        existing.add((cid, old.unit_id))
        created += 1
    if created:
        figures_changed(cycle.organization_id, cycle.pk)
    return created
