"""Everything a report prints, gathered once from the same selectors as the pages: the
dashboard (scores, lagging units, overdue work), the score tree, the plan with its progress,
and the answers with their evidence. Renderers (pdf, docx, xlsx, pack) only lay it out."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Max, Prefetch, Q
from django.utils import timezone

from digiorg.assessments.models import CriterionAssessment
from digiorg.assessments.slots import cycle_slots
from digiorg.core.fiscal import fiscal_quarter, fiscal_quarter_bounds
from digiorg.cycles.models import Cycle
from digiorg.dashboards.scores import EMPTY, Figures
from digiorg.dashboards.selectors import Dashboard, dashboard
from digiorg.evidence.models import Evidence
from digiorg.frameworks.models import Criterion, CriterionOption
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, ProgressReport
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.selectors import score_document


@dataclass
class AnswerLine:
    """One expected answer (criterion x answering unit), answered or not."""

    criterion: Criterion
    unit: OrgUnit
    answer: CriterionAssessment | None

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.answer.evidence.all()) if self.answer else []

    @property
    def options_in_place(self) -> str:
        """Labels of the checklist or any_of options the answer ticks, one a line."""
        if self.answer is None or not self.answer.options:
            return ""
        ticked = set(self.answer.options)
        return "\n".join(str(o.label) for o in self.criterion.options.all() if o.code in ticked)


@dataclass
class Baseline:
    """Scores stored on an earlier day: the overall figures ("") and each dimension's (ref)."""

    day: date
    figures: dict[str, Figures]

    def get(self, ref: str = "") -> Figures:
        return self.figures.get(ref, EMPTY)


@dataclass
class ReportData:
    cycle: Cycle
    unit: OrgUnit | None
    language: str
    today: date
    organization: OrgUnit
    board: Dashboard
    scores: dict[str, Any]  # score_document(): overall, dimensions, topics
    actions: list[Action]  # with unit, owner, criteria and progress_reports prefetched
    answers: list[AnswerLine]  # in criterion order
    memo: dict[str, str]  # fields of the official memo from settings
    quarter: int = 1  # the fiscal quarter the report is made in (1 before the year starts)
    last_quarter: Baseline | None = None  # scores stored by the end of the quarter before

    @property
    def title_unit(self) -> str:
        return (self.unit or self.organization).name


def memo_settings() -> dict[str, str]:
    """ส่วนราชการ, ที่ (document number prefix), signer name and position, addressee."""
    return dict(settings.DIGIORG_MEMO)


def report_quarter(cycle: Cycle, today: date) -> int:
    """The cycle's quarter on `today`: 1 before the year starts, 4 once it has ended."""
    start, end = cycle.bounds
    return fiscal_quarter(min(max(today, start), end))


def quarter_baseline(cycle: Cycle, unit: OrgUnit | None, quarter: int) -> Baseline | None:
    """The department's (or the unit's) overall and dimension scores on the last day a
    snapshot was stored by the end of the quarter before `quarter`; None in the first quarter
    or when nothing was stored by then. Two queries."""
    if quarter <= 1:
        return None
    end = fiscal_quarter_bounds(cycle.fiscal_year, quarter - 1)[1]
    rows = ScoreSnapshot.objects.filter(
        Q(node=None) | Q(node__parent=None), cycle=cycle, unit=unit, day__lte=end
    )
    day = rows.aggregate(last=Max("day"))["last"]
    if day is None:
        return None
    columns = ("node__ref", "self_score", "verified_score", "progress", "applicable", "answered",
               "verified")  # fmt: skip
    figures: dict[str, Figures] = {}
    for ref, self_score, verified_score, progress, applicable, answered, verified in rows.filter(
        day=day
    ).values_list(*columns):
        figures[ref or ""] = Figures(
            self_score, verified_score, progress, applicable, answered, verified
        )
    return Baseline(day, figures)


def report_data(
    cycle: Cycle, unit: OrgUnit | None = None, *, language: str = "th", today: date | None = None
) -> ReportData:
    """The caller has checked that whoever asks may see the cycle (and the unit)."""
    today = today or timezone.localdate()
    cycle = Cycle.objects.select_related("framework", "organization").get(pk=cycle.pk)
    actions = Action.objects.filter(cycle=cycle).exclude(status=Action.Status.CANCELLED)
    units = None
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
        units = set(OrgUnit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    criteria_qs = Criterion.objects.select_related("node").order_by("position")
    action_list = list(
        actions.select_related("unit", "owner")
        .prefetch_related(
            Prefetch("criteria", queryset=criteria_qs),
            Prefetch("progress_reports", queryset=ProgressReport.objects.order_by("quarter")),
        )
        .order_by("unit__path", "start_date", "pk")
    )
    slots = [(c, u) for c, u in cycle_slots(cycle) if units is None or u in units]
    criteria = {
        c.pk: c
        for c in criteria_qs.filter(pk__in={c for c, _ in slots}).prefetch_related(
            Prefetch("options", queryset=CriterionOption.objects.order_by("position"))
        )
    }
    slot_units = {u.pk: u for u in OrgUnit.objects.filter(pk__in={u for _, u in slots})}
    answers = {
        (a.criterion_id, a.unit_id): a
        for a in CriterionAssessment.objects.filter(cycle=cycle)
        .select_related("reviewer")
        .prefetch_related(
            Prefetch(
                "evidence", queryset=Evidence.objects.select_related("current").order_by("title")
            )
        )
    }
    lines = [AnswerLine(criteria[c], slot_units[u], answers.get((c, u))) for c, u in slots]
    quarter = report_quarter(cycle, today)
    return ReportData(
        cycle=cycle, unit=unit, language=language, today=today, organization=cycle.organization,
        board=dashboard(cycle, unit, today), scores=score_document(cycle, unit), actions=action_list,
        answers=lines, memo=memo_settings(), quarter=quarter,
        last_quarter=quarter_baseline(cycle, unit, quarter),
    )  # fmt: skip
