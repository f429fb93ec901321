"""Reads for the plan, inbox, timeline and coverage pages: a fixed number of queries each."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from digiorg.cycles.models import Cycle
from digiorg.frameworks.models import Criterion

from .models import Action, ProgressReport
from .permissions import actions_visible, inbox_sections

PLAN_PAGE_SIZE = 50  # rows of one topic shown at once on the plan page
UNLINKED = "unlinked"  # the plan page's "topic" of actions linked to no criterion
CENTS = Decimal("0.01")
STATUS_ORDER = [str(s) for s in Action.Status]
# what a row of the plan page shows, and no more (a page holds up to PLAN_PAGE_SIZE of them)
ROW_FIELDS = (
    "title", "start_date", "end_date", "budget", "status", "percent_done", "unit__name_th",
    "unit__name_en", "owner__name", "owner__username",
)  # fmt: skip


def cycle_actions(user, cycle: Cycle, unit=None) -> QuerySet[Action]:
    actions = actions_visible(user).filter(cycle=cycle)
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
    criteria = Criterion.objects.select_related("node").order_by("position")
    return actions.select_related("unit", "owner").prefetch_related(
        Prefetch("criteria", queryset=criteria)
    )


def plan_actions(user, cycle: Cycle, *, unit=None, status: str = "", query: str = ""):
    """The actions of the plan page in the user's scope, with the page's filters applied."""
    actions = actions_visible(user).filter(cycle=cycle)
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
    if status:
        actions = actions.filter(status=status)
    if query:
        actions = actions.filter(title__icontains=query)
    return actions


@dataclass
class Summary:
    """What a collapsed dimension or topic says about its actions: how many, how many in each
    status, and (cancelled actions left out) their budget and mean percent done."""

    count: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    budget: Decimal = Decimal(0)
    percent_sum: int = 0
    live: int = 0

    def add(self, status: str, count: int, budget, percent_sum) -> None:
        self.count += count
        self.by_status[status] = self.by_status.get(status, 0) + count
        if status != Action.Status.CANCELLED:
            self.live += count
            self.budget += budget or 0
            self.percent_sum += percent_sum or 0

    @property
    def mean_percent(self) -> float | None:
        return self.percent_sum / self.live if self.live else None

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(status, count) in the order of the status flow."""
        return [(s, self.by_status[s]) for s in STATUS_ORDER if s in self.by_status]


def _dimensions_of(nodes) -> dict[int, int]:
    """node pk -> pk of its dimension (the root of its branch)."""
    parent = {node.pk: node.parent_id for node in nodes}
    result = {}
    for pk in parent:
        root = pk
        while parent.get(root) is not None:
            root = parent[root]
        result[pk] = root
    return result


def plan_summaries(actions, dimension_of: dict[int, int]) -> dict[tuple[str, int | None], Summary]:
    """Summaries keyed ("t", topic pk), ("d", dimension pk), ("u", None) for the actions
    linked to no criterion and ("a", None) for all of them, from ONE aggregate query: an
    action counts once per topic and once per dimension, even when several of its criteria
    sit in the same one.

    The actions in scope come from the ORM (`actions`: the permission rule and the filters),
    with the columns the figures need; the rest is SQL written here, the same on SQLite and
    PostgreSQL: the grouping runs over a union of distinct (level, key, action) rows, a derived
    table that the ORM cannot express.
    The ORM's nearest forms cost more than the query itself: a correlated NOT EXISTS per link
    ran 3-5 times slower, and compiling a four-part ORM union took longer than running it."""
    visible, params = (
        actions.order_by().values("pk", "status", "budget", "percent_done").query.sql_with_params()
    )
    q = connection.ops.quote_name
    link, criterion = q(Action.criteria.through._meta.db_table), q(Criterion._meta.db_table)
    action_id, node_id = q("action_id"), q("node_id")
    dimension = " ".join("WHEN %s THEN %s" for _ in dimension_of)
    sql = f"""
        WITH v (id, st, bu, pc) AS ({visible}),
        l (act, node, st, bu, pc) AS (
            SELECT k.{action_id}, c.{node_id}, v.st, v.bu, v.pc
            FROM {link} k
            INNER JOIN v ON v.id = k.{action_id}
            INNER JOIN {criterion} c ON c.{q("id")} = k.{q("criterion_id")}
        )
        SELECT p.lvl, p.k, p.st, COUNT(*), SUM(p.bu), SUM(p.pc)
        FROM (
            SELECT DISTINCT 't' AS lvl, node AS k, act, st, bu, pc FROM l
            UNION ALL
            SELECT DISTINCT 'd', {f"CASE node {dimension} END" if dimension_of else "NULL"},
                act, st, bu, pc
            FROM l
            UNION ALL
            SELECT 'u', NULL, id, st, bu, pc FROM v
            WHERE NOT EXISTS (SELECT 1 FROM {link} k WHERE k.{action_id} = v.id)
            UNION ALL
            SELECT 'a', NULL, id, st, bu, pc FROM v
        ) p
        GROUP BY p.lvl, p.k, p.st
    """
    params = (*params, *(value for pair in dimension_of.items() for value in pair))
    summaries: dict[tuple[str, int | None], Summary] = defaultdict(Summary)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for level, key, status, count, budget, percent in cursor.fetchall():
            summaries[(level, key)].add(
                status, count, Decimal(str(budget or 0)).quantize(CENTS), percent
            )
    return summaries


@dataclass
class RowsPage:
    """One page of a topic's actions (PLAN_PAGE_SIZE rows at most)."""

    rows: list[Action]
    number: int
    count: int

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // PLAN_PAGE_SIZE))

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def topic_rows(actions, topic, number, count: int | None = None) -> RowsPage:
    """Page `number` (clamped) of the actions linked to a criterion of `topic` (None: to no
    criterion), in date order; one query, and one more to count them unless `count` is known."""
    through = Action.criteria.through
    if topic is None:
        actions = actions.filter(~Exists(through.objects.filter(action_id=OuterRef("pk"))))
    else:
        actions = actions.filter(
            Exists(through.objects.filter(action_id=OuterRef("pk"), criterion__node_id=topic))
        )
    if count is None:
        count = actions.count()
    page = RowsPage(rows=[], number=1, count=count)
    try:
        page.number = min(max(1, int(number or 1)), page.num_pages)
    except (TypeError, ValueError):
        page.number = 1
    start = (page.number - 1) * PLAN_PAGE_SIZE
    if count:
        page.rows = list(
            actions.select_related("unit", "owner")
            .only(*ROW_FIELDS)
            .order_by("start_date", "pk")[start : start + PLAN_PAGE_SIZE]
        )
    return page


def plan_outline(actions, framework, open_topic=None, page=None) -> dict:
    """The plan page: dimensions > topics (document order), each with its Summary; only those
    with actions. The topic `open_topic` (a node pk, or UNLINKED) comes with page `page` of its
    rows. Three queries (nodes, summaries, the open topic's rows) whatever the number of
    actions."""
    nodes = list(
        framework.nodes.filter(retired=False)
        .only("framework_id", "parent_id", "ref", "position", "title_th", "title_en")
        .order_by("position")
    )
    dimension_of = _dimensions_of(nodes)
    summaries = plan_summaries(actions, dimension_of)
    groups: dict[int, dict] = {}
    for node in nodes:
        if node.parent_id is None and ("d", node.pk) in summaries:
            groups[node.pk] = {
                "dimension": node, "summary": summaries[("d", node.pk)], "topics": [],
                "open": False,
            }  # fmt: skip
    for node in nodes:
        summary = summaries.get(("t", node.pk))
        if summary is None or dimension_of[node.pk] not in groups:
            continue
        group = groups[dimension_of[node.pk]]
        group["topics"].append(_topic(actions, node.pk, node, summary, open_topic, page))
        group["open"] = group["open"] or group["topics"][-1]["open"]
    unlinked = summaries.get(("u", None))
    if unlinked:  # last, as a dimension of its own with one topic
        topic = _topic(actions, UNLINKED, None, unlinked, open_topic, page)
        groups[0] = {
            "dimension": None,
            "summary": unlinked,
            "topics": [topic],
            "open": topic["open"],
        }
    return {
        "dimensions": list(groups.values()),
        "summary": summaries.get(("a", None)) or Summary(),
    }


def _topic(actions, key, node, summary: Summary, open_topic, page) -> dict:
    is_open = str(open_topic) == str(key)
    return {
        "key": key,
        "node": node,
        "summary": summary,
        "open": is_open,
        "page": topic_rows(actions, node.pk if node else None, page, summary.count)
        if is_open
        else None,
    }


def inbox(user, cycle: Cycle) -> dict:
    """What waits for this person: actions to review (secretariat) or approve (executive), and
    progress reports to review (secretariat)."""
    to_decide, to_review = inbox_sections(user, cycle)
    result: dict = {"actions": [], "reports": []}
    if to_decide:
        result["actions"] = list(
            actions_visible(user)
            .filter(cycle=cycle, status=Action.Status.SUBMITTED)
            .select_related("unit", "owner")
            .order_by("updated_at")
        )
    if to_review:
        result["reports"] = list(
            ProgressReport.objects.filter(
                action__in=actions_visible(user).filter(cycle=cycle),
                status=ProgressReport.Status.SUBMITTED,
            )
            .select_related("action__unit", "submitted_by")
            .order_by("submitted_at")
        )
    return result


def timeline(user, cycle: Cycle, unit=None) -> dict:
    """Actions as bars on the fiscal year: left and width in percent of the year."""
    start, end = cycle.bounds
    days = (end - start).days + 1

    def offset(day: date) -> float:
        return max(0.0, min(100.0, (day - start).days * 100 / days))

    bars = []
    for action in (
        cycle_actions(user, cycle, unit)
        .exclude(status=Action.Status.CANCELLED)
        .order_by("unit__path", "start_date")
    ):
        left = offset(action.start_date)
        right = offset(action.end_date) + 100 / days
        bars.append(
            {"action": action, "left": round(left, 2), "width": round(max(right - left, 0.5), 2)}
        )
    months = []
    for i in range(12):
        month = (start.month - 1 + i) % 12 + 1
        year = start.year + (start.month - 1 + i) // 12
        months.append(
            {"date": date(year, month, 1), "left": round(offset(date(year, month, 1)), 2)}
        )
    today = timezone.localdate()
    return {
        "bars": bars, "months": months, "start": start, "end": end, "today": today,
        # where today's line goes (None outside the year), and the legend's statuses
        "today_left": round(offset(today), 2) if start <= today <= end else None,
        "statuses": [(s.value, s.label) for s in Action.Status if s != Action.Status.CANCELLED],
    }  # fmt: skip


def coverage(user, cycle: Cycle) -> list[Criterion]:
    """Every criterion of the cycle's framework with how many live actions in the user's scope
    point at it; those with none first."""
    live = actions_visible(user).filter(cycle=cycle).exclude(status=Action.Status.CANCELLED)
    return list(
        cycle.framework.criteria.filter(retired=False)
        .select_related("node")
        .annotate(action_count=Count("actions", filter=Q(actions__in=live), distinct=True))
        .order_by("action_count", "position")
    )
