"""What the executive and unit dashboards show, and what the reports print: one selector for
both. A fixed number of queries whatever the number of units, actions or evidence: the scores
come from the snapshot and the plan figures from the rows kept with it (scoring.plan_figures),
computed live only while their refresh is due."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from digiorg.core.fiscal import fiscal_quarter, fiscal_quarter_bounds
from digiorg.cycles.models import Cycle
from digiorg.evidence.models import Evidence
from digiorg.frameworks.models import FrameworkNode
from digiorg.org.models import OrgUnit
from digiorg.plans.models import Action, Milestone, ProgressReport
from digiorg.scoring.freshness import figures_pending
from digiorg.scoring.plan_figures import Plan, plan_figures_live, plan_figures_read
from digiorg.scoring.selectors import level_band

from .scores import EMPTY, Figures, latest_scores

LIVE = [Action.Status.APPROVED, Action.Status.IN_PROGRESS]
OPEN = [
    Action.Status.DRAFT, Action.Status.SUBMITTED, Action.Status.RETURNED, Action.Status.APPROVED,
    Action.Status.IN_PROGRESS,
]  # fmt: skip
REPORTED = [ProgressReport.Status.SUBMITTED, ProgressReport.Status.REVIEWED]
LIST_LIMIT = 10


@dataclass
class NodeLine:
    node: FrameworkNode
    figures: Figures
    last_year: Figures = EMPTY
    # plan figures (dimensions only)
    actions: int = 0
    done: int = 0
    percent: float | None = None
    budget: float = 0


@dataclass
class UnitLine:
    unit: OrgUnit
    overall: Figures
    cells: list[Figures]  # one per topic, in the order of Dashboard.topics


@dataclass
class Dashboard:
    cycle: Cycle
    unit: OrgUnit | None
    today: date
    scores_day: date | None
    overall: Figures
    overall_last_year: Figures
    previous: Cycle | None
    dimensions: list[NodeLine]
    topics: list[NodeLine]
    units: list[UnitLine]
    overdue_actions: list[Action]
    overdue_action_count: int
    missing_reports: dict[int, int]  # quarter -> live actions without a submitted report
    expiring: list[Evidence]
    expiring_count: int
    expired_count: int
    trend: list[tuple[date, Figures]]
    actions_total: int = 0
    todo: dict = field(default_factory=dict)

    @property
    def lagging_units(self) -> list[UnitLine]:
        scored = [u for u in self.units if u.overall.self_score is not None]
        return sorted(scored, key=lambda u: (u.overall.self_score, u.unit.path))[:LIST_LIMIT]

    @property
    def lagging_topics(self) -> list[NodeLine]:
        scored = [t for t in self.topics if t.figures.self_score is not None]
        return sorted(scored, key=lambda t: (t.figures.self_score, t.node.position))[:LIST_LIMIT]

    def level_label(self, score: float | None) -> dict | None:
        """The framework's readiness band for a score: {"th": ..., "en": ...}."""
        band = level_band(self.cycle.framework, score)
        return band["label"] if band else None

    @property
    def self_level(self) -> dict | None:
        return self.level_label(self.overall.self_score)

    @property
    def verified_level(self) -> dict | None:
        return self.level_label(self.overall.verified_score)

    @property
    def missing_report_total(self) -> int:
        return sum(self.missing_reports.values())


def previous_cycle(cycle: Cycle, cycles=None) -> Cycle | None:
    """The latest earlier cycle of the department; from `cycles` when the caller has them."""
    if cycles is not None:
        earlier = [
            c
            for c in cycles
            if c.organization_id == cycle.organization_id and c.fiscal_year < cycle.fiscal_year
        ]
        return max(earlier, key=lambda c: c.fiscal_year, default=None)
    return (
        Cycle.objects.filter(
            organization_id=cycle.organization_id, fiscal_year__lt=cycle.fiscal_year
        )
        .order_by("-fiscal_year")
        .first()
    )


def _actions(cycle, unit):
    actions = Action.objects.filter(cycle=cycle)
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
    return actions


def missing_report_q(cycle, quarter: int) -> Q:
    """A live action that started before the quarter ended and sent no report for it."""
    end = fiscal_quarter_bounds(cycle.fiscal_year, quarter)[1]
    reported = ProgressReport.objects.filter(
        action=OuterRef("pk"), quarter=quarter, status__in=REPORTED
    )
    return Q(status__in=LIVE, start_date__lte=end) & ~Q(Exists(reported))


def _evidence(cycle, unit, today):
    """Expired and soon-expiring evidence: counts, and the first items. One query."""
    days = settings.DIGIORG_EXPIRY_WARNING_DAYS
    horizon = today + timedelta(days=days)
    items = Evidence.objects.filter(organization_id=cycle.organization_id, expiry_date__lte=horizon)
    if unit is not None:
        items = items.filter(unit__path__startswith=unit.path)

    # the two counts ride along the first items as uncorrelated sub-selects (each runs once,
    # on the index of organization and expiry date): one query, not two
    def count(q: Q) -> Subquery:
        counted = items.filter(q).order_by().values("organization_id").annotate(n=Count("*"))
        return Subquery(counted.values("n")[:1])

    listed = list(
        items.select_related("unit")
        .annotate(n_all=count(Q()), n_expired=count(Q(expiry_date__lt=today)))
        .order_by("expiry_date", "pk")[:LIST_LIMIT]
    )
    if not listed:
        return [], 0, 0
    every, expired = listed[0].n_all or 0, listed[0].n_expired or 0
    return listed, every - expired, expired


def _plan(cycle, unit, today, pending: bool) -> Plan:
    """The plan figures kept with the snapshot (one query), or computed now while a refresh is
    due or before the background work has run for the cycle today."""
    key = unit.pk if unit is not None else None
    stored = None if pending else plan_figures_read(cycle, key, today)
    return stored if stored is not None else plan_figures_live(cycle, key, today)


def dashboard(
    cycle: Cycle, unit: OrgUnit | None = None, today: date | None = None, cycles=None,
    pending: bool | None = None,
) -> Dashboard:  # fmt: skip
    """The department's (or one unit's and those below it) standing in a cycle. The caller
    has checked that the user may see the cycle and the unit; `cycles` (the picker's list)
    saves a query, and so does `pending` (scoring.freshness.figures_pending) when the caller
    has asked already."""
    today = today or timezone.localdate()
    if pending is None:
        pending = figures_pending(cycle.pk)
    nodes = {
        n.pk: n
        for n in FrameworkNode.objects.filter(framework_id=cycle.framework_id, retired=False)
    }
    previous = previous_cycle(cycle, cycles)
    # last year's radar reads last year's stored snapshot, in the same query
    scores = latest_scores(cycle, unit, live=pending, previous=previous)
    old = scores.last_year
    key = unit.pk if unit is not None else None
    plan = _plan(cycle, unit, today, pending)
    ordered = sorted(nodes.values(), key=lambda n: n.position)
    dimensions = []
    for node in (n for n in ordered if n.parent_id is None):
        n_actions, done, percent_sum, budget = plan.dimensions.get(node.pk, (0, 0, 0.0, 0.0))
        dimensions.append(
            NodeLine(
                node,
                scores.get(key, node.ref),
                old.get(node.ref, EMPTY),
                actions=int(n_actions),
                done=int(done),
                budget=budget,
                percent=percent_sum / n_actions if n_actions else None,
            )
        )
    topics = [
        NodeLine(n, scores.get(key, n.ref), old.get(n.ref, EMPTY))
        for n in ordered
        if n.kind == FrameworkNode.Kind.TOPIC
    ]
    # the department node's own line would repeat the department's (its subtree is everything)
    shown = sorted(
        (u for u in scores.units.values() if u.pk != u.organization_id), key=lambda u: u.path
    )
    if unit is not None:
        shown = [u for u in shown if u.path.startswith(unit.path)]
    units = [
        UnitLine(u, scores.get(u.pk), [scores.get(u.pk, t.node.ref) for t in topics]) for u in shown
    ]
    expiring, soon, expired = _evidence(cycle, unit, today)
    board = Dashboard(
        cycle=cycle, unit=unit, today=today, scores_day=scores.day, overall=scores.get(key),
        overall_last_year=old.get("", EMPTY), previous=previous, dimensions=dimensions,
        topics=topics, units=units, overdue_actions=[], overdue_action_count=plan.overdue,
        missing_reports=plan.missing, expiring=expiring, expiring_count=soon,
        expired_count=expired, trend=scores.trend, actions_total=plan.actions,
    )  # fmt: skip
    if unit is None:
        board.overdue_actions = list(
            _actions(cycle, unit).filter(status__in=OPEN, end_date__lt=today)
            .select_related("unit").order_by("end_date", "pk")[:LIST_LIMIT]
        )  # fmt: skip
    else:
        board.todo = _unit_todo(board, today)
    return board


def _unit_todo(board: Dashboard, today: date) -> dict:
    """What the unit still has to do this quarter: reports, milestones, drafts, answers.
    Two queries: the unit's open actions (few), and its milestones due."""
    cycle, unit = board.cycle, board.unit
    assert unit is not None  # only called for a unit's board
    start, end = cycle.bounds
    quarter = fiscal_quarter(min(max(today, start), end))
    q_start, q_end = fiscal_quarter_bounds(cycle.fiscal_year, quarter)
    # the quarter's report by a join (one report per action and quarter), not a subplan per row
    this_quarter = FilteredRelation(
        "progress_reports",
        condition=Q(progress_reports__quarter=quarter, progress_reports__status__in=REPORTED),
    )
    open_actions = list(
        _actions(cycle, unit).filter(status__in=OPEN).annotate(q_report=this_quarter)
        .annotate(reported=F("q_report__id")).select_related("unit").order_by("end_date", "pk")
    )  # fmt: skip
    board.overdue_actions = [a for a in open_actions if a.end_date < today][:LIST_LIMIT]
    milestones = list(
        Milestone.objects.filter(
            action__cycle=cycle, action__unit__path__startswith=unit.path, action__status__in=OPEN,
            done=False, due_date__lte=q_end,
        ).select_related("action").order_by("due_date", "pk")[:LIST_LIMIT]
    )  # fmt: skip
    figures = board.overall
    return {
        "quarter": quarter, "quarter_start": q_start, "quarter_end": q_end,
        "need_report": [a for a in open_actions if a.status in LIVE and a.start_date <= q_end and not a.reported][:LIST_LIMIT],
        "milestones": milestones,
        "drafts": [a for a in open_actions if a.status in (Action.Status.DRAFT, Action.Status.RETURNED)][:LIST_LIMIT],
        "answers_expected": figures.applicable, "answers_sent": figures.answered,
        "answers_open": figures.applicable - figures.answered, "assessment_due": cycle.assessment_due,
    }  # fmt: skip
