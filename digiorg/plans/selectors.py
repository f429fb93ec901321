"""Reads for the plan, inbox, timeline and coverage pages: a fixed number of queries each."""

from collections import OrderedDict
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from digiorg.cycles.models import Cycle
from digiorg.frameworks.models import Criterion
from digiorg.frameworks.selectors import framework_nodes

from .models import Action, ProgressReport
from .permissions import actions_visible, inbox_sections


def cycle_actions(user, cycle: Cycle, unit=None) -> QuerySet[Action]:
    actions = actions_visible(user).filter(cycle=cycle)
    if unit is not None:
        actions = actions.filter(unit__path__startswith=unit.path)
    criteria = Criterion.objects.select_related("node").order_by("position")
    return actions.select_related("unit", "owner").prefetch_related(
        Prefetch("criteria", queryset=criteria)
    )


def plan_outline(user, cycle: Cycle, unit=None) -> list[dict]:
    """Dimensions > topics, each with the actions linked to its criteria; an action linked to
    several topics appears under each. Actions with no criterion come last."""
    nodes = framework_nodes(cycle.framework)
    by_pk = {node.pk: node for node in nodes}
    groups: OrderedDict[int, dict] = OrderedDict()
    for node in nodes:
        if node.kind == "dimension":
            groups[node.pk] = {"dimension": node, "topics": OrderedDict()}
    unlinked = []
    for action in cycle_actions(user, cycle, unit).order_by("start_date", "pk"):
        topics = {c.node_id for c in action.criteria.all()}
        if not topics:
            unlinked.append(action)
        for topic_pk in topics:
            topic = by_pk.get(topic_pk)
            if topic is None:
                continue
            dimension = topic
            while dimension.parent_id is not None:
                dimension = by_pk[dimension.parent_id]
            entry = groups[dimension.pk]["topics"].setdefault(
                topic.pk, {"topic": topic, "actions": []}
            )
            entry["actions"].append(action)
    rows = [
        {
            "dimension": g["dimension"],
            "topics": sorted(g["topics"].values(), key=lambda t: t["topic"].position),
        }
        for g in groups.values()
    ]
    return [
        *rows,
        {"dimension": None, "topics": [{"topic": None, "actions": unlinked}] if unlinked else []},
    ]


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
