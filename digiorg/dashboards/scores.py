"""The latest scores of a cycle for every unit and node, read from the day's snapshot, or
computed on the spot when no snapshot was taken yet. Dashboards and reports read scores from
here, never recomputing per unit per request. One query, with the trend, the units and last
year's figures."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from digiorg.org.models import OrgUnit
from digiorg.scoring.models import ScoreSnapshot
from digiorg.scoring.services import score_trees


@dataclass(frozen=True)
class Figures:
    self_score: float | None = None
    verified_score: float | None = None
    progress: float | None = None
    applicable: int = 0
    answered: int = 0
    verified: int = 0


EMPTY = Figures()


@dataclass
class Scores:
    # (unit id or None for the department, node ref or "" for overall) -> figures
    figures: dict[tuple[int | None, str], Figures] = field(default_factory=dict)
    units: dict[int, OrgUnit] = field(default_factory=dict)
    # (day, figures) of the department or the unit asked for, oldest first
    trend: list[tuple[date, Figures]] = field(default_factory=list)
    day: date | None = None
    # node ref or "" for overall -> last year's stored figures (latest_scores(previous=...))
    last_year: dict[str, Figures] = field(default_factory=dict)

    def get(self, unit_id: int | None, ref: str = "") -> Figures:
        return self.figures.get((unit_id, ref), EMPTY)


def _flatten(unit_id, tree, refs: dict[int, str], out: Scores) -> None:
    out.figures[(unit_id, "")] = _figures(tree)
    stack = list(tree.dimensions)
    while stack:
        item = stack.pop()
        out.figures[(unit_id, refs[item.node_id])] = _figures(item)
        stack.extend(item.children)


def _figures(item) -> Figures:
    return Figures(
        item.self_score, item.verified_score, item.progress, item.applicable, item.answered,
        item.verified,
    )  # fmt: skip


def latest_scores(
    cycle, unit: OrgUnit | None = None, *, with_trend: bool = True, only_unit: bool = False,
    live: bool = False, previous=None,
) -> Scores:  # fmt: skip
    """Every unit's figures on the latest snapshot day (only `unit`'s, or the department's,
    with `only_unit`), and the trend of `unit` (or of the department) over all days. With
    `previous` (last year's cycle), also its stored newest figures of the same unit or the
    department in `last_year`, never recomputed. With `live` (a refresh is due, the snapshot
    lags behind), or when the cycle has no snapshot yet, the figures are computed now."""
    # units need their overall and topic figures (the heat map); the department and the unit
    # asked for need every node
    key = Q(unit=unit) if unit is not None else Q(unit=None)
    every_node = Q(latest=True) & key
    heat = Q(latest=True, node=None) | Q(latest=True, node__kind="topic")
    wanted = every_node if only_unit or live else every_node | heat
    if with_trend:
        wanted |= Q(unit=unit, node=None)
    wanted = Q(wanted, cycle=cycle)
    if previous is not None:
        wanted |= Q(every_node, cycle=previous)
    rows = (
        ScoreSnapshot.objects.filter(wanted)
        .order_by("day")
        .values_list(
            "day", "unit_id", "node__ref", "self_score", "verified_score", "progress", "applicable",
            "answered", "verified", "unit__code", "unit__name_th", "unit__name_en", "unit__path",
            "unit__organization_id", "cycle_id",
        )
    )  # fmt: skip
    out = Scores()
    for (
        day, unit_id, ref, self_score, verified_score, progress, applicable, answered, verified,
        code, name_th, name_en, path, org, cycle_id,
    ) in rows:  # fmt: skip
        figures = Figures(self_score, verified_score, progress, applicable, answered, verified)
        if cycle_id != cycle.pk:
            out.last_year[ref or ""] = figures
            continue
        if ref is None and unit_id == (unit.pk if unit is not None else None):
            out.trend.append((day, figures))
        if out.day is None or day > out.day:
            out.figures, out.day = {}, day
        if day == out.day:
            out.figures[(unit_id, ref or "")] = figures
            if unit_id is not None and unit_id not in out.units:
                out.units[unit_id] = OrgUnit(
                    pk=unit_id, code=code, name_th=name_th, name_en=name_en, path=path,
                    organization_id=org,
                )  # fmt: skip
    if out.figures and not live:
        return out
    # computed now, as the snapshot would hold it (scoring.services.score_trees)
    inputs, trees = score_trees(cycle)
    refs = {n.pk: n.ref for n in inputs.nodes}
    out.figures = {}
    for tree_unit, tree in trees:
        _flatten(tree_unit, tree, refs, out)
    unit_ids = [u for u, _tree in trees if u is not None]
    out.units = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit_ids)}
    if live:
        out.day = timezone.localdate()
    return out
