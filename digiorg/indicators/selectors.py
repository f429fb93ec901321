"""Reads: the suggestion an answer's indicators give now, and the answers that disagree with
their indicators."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digiorg.assessments.models import CriterionAssessment
from digiorg.core import thai
from digiorg.org.models import OrgUnit

from .registry import Indicator, Result, combined, outcome, parse_threshold, registry

A = CriterionAssessment
ANSWERED = (A.Status.SUBMITTED, A.Status.VERIFIED)


def number_text(value: int | float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def figure_text(indicator: Indicator, value: int | float) -> str:
    """ "เผยแพร่ชุดข้อมูลเปิด 3 ชุด" / "Open datasets published: 3 datasets"."""
    measure = indicator.measure
    number = number_text(value)
    if measure == "%":
        number, measure = f"{number}%", ""
    text = _("%(title)s: %(value)s %(measure)s") % {
        "title": indicator.title,
        "value": number,
        "measure": measure,
    }
    return text.strip()


_SIGNS = {">=": "≥", "<=": "≤", "==": "=", ">": ">", "<": "<"}


def shown(threshold: str) -> str:
    """ ">= 80" as people read it: "≥ 80"."""
    parsed = parse_threshold(threshold)
    return f"{_SIGNS[parsed.op]} {str(parsed).split(' ', 1)[1]}"


def result_label(result: str) -> str:
    return str(A.Result(result).label)


def as_of_text(moment: datetime) -> str:
    return thai.format_date(moment, (get_language() or "th")[:2], abbreviated=True, with_time=True)


@dataclass
class Line:
    """One indicator of a criterion, computed now."""

    indicator: Indicator
    met: str
    partial: str | None
    result: Result
    outcome: str
    subject: OrgUnit | None = None

    @property
    def outcome_label(self) -> str:
        return result_label(self.outcome)

    @property
    def figure(self) -> str:
        return figure_text(self.indicator, self.result.value)

    @property
    def rule(self) -> str:
        if self.partial:
            return _("met %(met)s, partially met %(partial)s") % {
                "met": shown(self.met),
                "partial": shown(self.partial),
            }
        return _("met %(met)s") % {"met": shown(self.met)}


@dataclass
class Suggestion:
    subject: OrgUnit
    at: datetime
    lines: list[Line] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        return combined(line.outcome for line in self.lines)

    @property
    def outcome_label(self) -> str:
        return result_label(self.outcome)

    @property
    def as_of(self) -> str:
        return as_of_text(self.at)


def _department(unit: OrgUnit) -> OrgUnit:
    if unit.pk == unit.organization_id:
        return unit
    return OrgUnit.objects.get(pk=unit.organization_id or unit.pk)


def subject_for(criterion, indicator: Indicator, unit: OrgUnit, department=None) -> OrgUnit:
    """Whose data counts: the whole department for a department-scope criterion or indicator,
    else the answering unit and its subtree."""
    if criterion.scope == "department" or indicator.scope == "department":
        return department or _department(unit)
    return unit


def entries(criterion) -> list[tuple[Indicator, dict[str, Any]]]:
    """The criterion's indicators that this installation knows (the loader refused the rest)."""
    out = []
    for entry in criterion.indicators or ():
        indicator = registry.get(entry.get("code", ""))
        if indicator is not None:
            out.append((indicator, entry))
    return out


def _line(indicator: Indicator, entry: dict[str, Any], result: Result, subject) -> Line:
    met, partial = entry["met"], entry.get("partial")
    return Line(indicator, met, partial, result, outcome(result.value, met, partial), subject)


def suggestion_for(cycle, criterion, unit: OrgUnit) -> Suggestion | None:
    """What the registers say about this answer now, or None for a criterion with no indicator."""
    known = entries(criterion)
    if not known:
        return None
    department = _department(unit) if criterion.scope == "department" else None
    suggestion = Suggestion(subject=department or unit, at=timezone.now())
    for indicator, entry in known:
        subject = subject_for(criterion, indicator, unit, department)
        suggestion.subject = subject
        result = indicator.compute(cycle, subject)
        suggestion.lines.append(_line(indicator, entry, result, subject))
    return suggestion


def line_for(cycle, criterion, unit: OrgUnit, code: str) -> Line | None:
    for indicator, entry in entries(criterion):
        if indicator.code == code:
            subject = subject_for(criterion, indicator, unit)
            result = indicator.compute(cycle, subject)
            return _line(indicator, entry, result, subject)
    return None


# ------------------------------------------------------------------ answers that disagree


@dataclass
class Disagreement:
    answer: CriterionAssessment
    suggested: str
    figures: list[str]

    @property
    def suggested_label(self) -> str:
        return result_label(self.suggested)


def disagreements(cycle) -> list[Disagreement]:
    """Submitted and verified answers (not "not applicable") whose result differs from what
    their criterion's indicators suggest now. A fixed number of queries whatever the number of
    answers: the answers with their criterion and unit, the department, then each indicator's
    values for all the subjects at once (Indicator.values_for)."""
    answers = list(
        A.objects.filter(cycle=cycle, status__in=ANSWERED, criterion__retired=False)
        .exclude(criterion__indicators=[])
        .exclude(result__in=["", A.Result.NOT_APPLICABLE])
        .select_related("criterion", "unit")
        .order_by("criterion__position", "unit__path")
    )
    if not answers:
        return []
    department = OrgUnit.objects.get(pk=cycle.organization_id)
    wanted: dict[str, dict[int, OrgUnit]] = {}
    plan = []
    for a in answers:
        known = entries(a.criterion)
        subjects = []
        for indicator, entry in known:
            subject = subject_for(a.criterion, indicator, a.unit, department)
            wanted.setdefault(indicator.code, {})[subject.pk] = subject
            subjects.append((indicator, entry, subject))
        plan.append((a, subjects))
    values = {
        code: registry.get(code).values_for(cycle, list(units.values()))  # type: ignore[union-attr]
        for code, units in wanted.items()
    }
    out = []
    for a, subjects in plan:
        if not subjects:
            continue
        outcomes, figures = [], []
        for indicator, entry, subject in subjects:
            value = values[indicator.code][subject.pk]
            outcomes.append(outcome(value, entry["met"], entry.get("partial")))
            figures.append(figure_text(indicator, value))
        suggested = combined(outcomes)
        if suggested != a.result:
            out.append(Disagreement(a, suggested, figures))
    return out
